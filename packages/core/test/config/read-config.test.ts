import { describe, expect, it } from '@jest/globals';
import { isSkillproofError, readConfig } from '@skillproof/core';

function failure(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'CONFIGURATION_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected CONFIGURATION_INVALID');
}

describe('readConfig', () => {
  it('treats unset, empty and blank values alike: the default applies', () => {
    for (const value of [undefined, '', '   ']) {
      const config = readConfig({ HOST: value, PORT: value, URL: value }, { baseDir: '/srv' });
      expect(config.text('HOST', '127.0.0.1')).toBe('127.0.0.1');
      expect(config.text('HOST')).toBeUndefined();
      expect(config.port('PORT', 4100)).toBe(4100);
      expect(config.baseUrl('URL', 'http://localhost:4100/')).toBe('http://localhost:4100');
      expect(config.path('HOST', '.skillproof/x')).toBe('/srv/.skillproof/x');
      expect(config.baseUrls('URL')).toEqual([]);
      expect(config.secret('PORT', { minLength: 16 })).toBeUndefined();
    }
  });

  it('trims text but keeps a secret exactly as given', () => {
    const config = readConfig({ NAME: '  Academy ', SECRET: ' sixteen chars ok ' });
    expect(config.text('NAME', 'x')).toBe('Academy');
    expect(config.secret('SECRET', { minLength: 16 })).toBe(' sixteen chars ok ');
  });

  it('reads ports, whole numbers, URL lists and patterned lists', () => {
    const config = readConfig({
      PORT: '0',
      WORKERS: '4',
      URLS: ' https://a.example/ , http://localhost:4100,',
      DIDS: 'did:key:z6Mk1, did:web:example.com',
    });
    expect(config.port('PORT', 1)).toBe(0);
    expect(config.integer('WORKERS', { min: 1, max: 64 })).toBe(4);
    expect(config.integer('MISSING', { min: 1, max: 64 }, 1)).toBe(1);
    expect(config.baseUrls('URLS')).toEqual(['https://a.example', 'http://localhost:4100']);
    expect(config.list('DIDS', { pattern: /^did:/, what: 'DIDs' })).toEqual([
      'did:key:z6Mk1',
      'did:web:example.com',
    ]);
  });

  it('names the variable, the rule and the value in one message shape', () => {
    expect(failure(() => readConfig({ PORT: '70000' }).port('PORT', 1))).toBe(
      'PORT must be a port number from 0 to 65535, got "70000"',
    );
    expect(failure(() => readConfig({ PORT: '-1' }).port('PORT', 1))).toMatch(/^PORT must be/);
    expect(failure(() => readConfig({ W: '0' }).integer('W', { min: 1, max: 64 }))).toBe(
      'W must be a whole number from 1 to 64, got "0"',
    );
    expect(failure(() => readConfig({ U: 'ftp://x' }).baseUrl('U', 'http://a'))).toBe(
      'U must be an absolute http(s) URL, got "ftp://x"',
    );
    expect(failure(() => readConfig({ U: 'https://a/?q=1' }).baseUrl('U', 'http://a'))).toMatch(
      /^U must be a plain base URL/,
    );
    expect(failure(() => readConfig({ L: 'https://a, nope' }).baseUrls('L'))).toBe(
      'L must be an absolute http(s) URL, got "nope"',
    );
    expect(
      failure(() => readConfig({ D: 'did:x, bob' }).list('D', { pattern: /^did:/, what: 'DIDs' })),
    ).toBe('D must be a comma-separated list of DIDs, got "bob"');
  });

  it('never echoes a secret that breaks a rule', () => {
    const short = failure(() => readConfig({ S: 'hunter2' }).secret('S', { minLength: 16 }));
    expect(short).toBe('S must be at least 16 characters');
    const shape = failure(() =>
      readConfig({ S: 'sixteen characters!' }).secret('S', {
        minLength: 1,
        pattern: /^[a-z ]+$/,
        what: 'lower-case letters and spaces',
      }),
    );
    expect(shape).toBe('S must be lower-case letters and spaces');
    expect(shape).not.toContain('sixteen');
  });

  it('resolves relative paths against INIT_CWD (where pnpm was run), absolute ones as given', () => {
    expect(readConfig({ INIT_CWD: '/home/me/skillproof', D: 'data' }).path('D', 'x')).toBe(
      '/home/me/skillproof/data',
    );
    expect(readConfig({ INIT_CWD: '/home/me', D: '/var/lib/sp' }).path('D', 'x')).toBe(
      '/var/lib/sp',
    );
    expect(readConfig({}, { baseDir: '/a' }).path('D', '../b')).toBe('/b');
  });
});
