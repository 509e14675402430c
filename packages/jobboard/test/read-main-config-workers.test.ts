import { describe, expect, it } from '@jest/globals';
import { SkillproofError } from '@skillproof/core';
import { readMainConfig } from '../src/read-main-config.js';

describe('readMainConfig: JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE', () => {
  it('is absent unless set, and read as a whole number', () => {
    expect(readMainConfig({})).not.toHaveProperty('presentationRequestsPerMinute');
    expect(
      readMainConfig({ JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE: '600' })
        .presentationRequestsPerMinute,
    ).toBe(600);
  });

  it.each(['0', '-1', '1.5', 'many', '10000000'])('refuses %p', (value) => {
    expect(() => readMainConfig({ JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE: value })).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID' }) as unknown as Error,
    );
  });
});

describe('readMainConfig: JOBBOARD_WORKERS', () => {
  it('is absent unless set, and read as a number of processes', () => {
    expect(readMainConfig({})).not.toHaveProperty('workers');
    expect(readMainConfig({ JOBBOARD_WORKERS: '2' }).workers).toBe(2);
    expect(readMainConfig({ JOBBOARD_WORKERS: '64' }).workers).toBe(64);
  });

  it.each(['0', '65', '-1', '2.5', 'two'])('refuses %p with one clear line', (value) => {
    expect(() => readMainConfig({ JOBBOARD_WORKERS: value })).toThrow(
      new SkillproofError(
        'CONFIGURATION_INVALID',
        `JOBBOARD_WORKERS must be a whole number from 1 to 64, got "${value}"`,
      ),
    );
  });
});

describe('readMainConfig: the OpenID4VP identity and response mode', () => {
  it('defaults to a did:key board answered by direct_post', () => {
    const config = readMainConfig({});
    expect(config.didMethod).toBe('key');
    expect(config).not.toHaveProperty('openid4vpResponseMode');
  });

  it('reads JOBBOARD_DID_METHOD=web and JOBBOARD_OPENID4VP_RESPONSE_MODE=direct_post.jwt', () => {
    const config = readMainConfig({
      JOBBOARD_DID_METHOD: 'web',
      JOBBOARD_OPENID4VP_RESPONSE_MODE: 'direct_post.jwt',
    });
    expect(config).toMatchObject({ didMethod: 'web', openid4vpResponseMode: 'direct_post.jwt' });
  });

  it.each([
    [{ JOBBOARD_DID_METHOD: 'ion' }, 'JOBBOARD_DID_METHOD must be key or web, got "ion"'],
    [
      { JOBBOARD_OPENID4VP_RESPONSE_MODE: 'fragment' },
      'JOBBOARD_OPENID4VP_RESPONSE_MODE must be direct_post or direct_post.jwt, got "fragment"',
    ],
  ])('refuses %p with one clear line', (env, message) => {
    expect(() => readMainConfig(env)).toThrow(
      new SkillproofError('CONFIGURATION_INVALID', message),
    );
  });
});
