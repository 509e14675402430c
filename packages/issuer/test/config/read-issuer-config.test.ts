import { describe, expect, it } from '@jest/globals';
import { readIssuerConfig } from '../../src/index.js';

describe('readIssuerConfig', () => {
  it('fills in the defaults', () => {
    expect(readIssuerConfig({})).toEqual({
      port: 4100,
      host: '127.0.0.1',
      dataDir: './.skillproof/issuer',
      url: 'http://localhost:4100',
      name: 'Skillproof Academy',
      adminToken: undefined,
      keySecret: undefined,
      puzzleSecret: undefined,
      catalogDir: undefined,
    });
  });

  it('reads every variable', () => {
    expect(
      readIssuerConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/issuer',
        ISSUER_URL: 'https://academy.example/issuer/',
        ISSUER_NAME: 'Academy',
        ISSUER_ADMIN_TOKEN: 'a-long-enough-admin-token',
        ISSUER_KEY_SECRET: 'secret',
        ISSUER_PUZZLE_SECRET: 'a-long-enough-puzzle-secret',
        ISSUER_CATALOG_DIR: '/etc/issuer/catalog',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/issuer',
      url: 'https://academy.example/issuer',
      name: 'Academy',
      adminToken: 'a-long-enough-admin-token',
      keySecret: 'secret',
      puzzleSecret: 'a-long-enough-puzzle-secret',
      catalogDir: '/etc/issuer/catalog',
    });
  });

  it('derives the default URL from PORT', () => {
    expect(readIssuerConfig({ PORT: '5000' }).url).toBe('http://localhost:5000');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a number/],
    [{ PORT: '70000' }, /^PORT must be a number/],
    [{ PORT: '-1' }, /^PORT must be a number/],
    [{ ISSUER_URL: 'localhost:4100' }, /^ISSUER_URL must be an http or https URL/],
    [{ ISSUER_URL: 'not a url' }, /^ISSUER_URL must be an absolute URL/],
    [{ ISSUER_URL: 'https://academy.example/?x=1' }, /^ISSUER_URL must be a plain base URL/],
    [{ ISSUER_ADMIN_TOKEN: 'short' }, /^ISSUER_ADMIN_TOKEN must be at least 16 characters/],
    [{ ISSUER_PUZZLE_SECRET: 'short' }, /^ISSUER_PUZZLE_SECRET must be at least 16 characters/],
  ])('refuses %j with CONFIGURATION_INVALID', (env, message) => {
    expect(() => readIssuerConfig(env)).toThrow(
      expect.objectContaining({
        code: 'CONFIGURATION_INVALID',
        message: expect.stringMatching(message),
      }) as unknown as Error,
    );
  });
});
