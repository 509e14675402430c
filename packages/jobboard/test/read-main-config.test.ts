import { describe, expect, it } from '@jest/globals';
import { SkillproofError } from '@skillproof/core';
import { readMainConfig } from '../src/read-main-config.js';

describe('readMainConfig', () => {
  it('has defaults for everything', () => {
    expect(readMainConfig({}, { baseDir: '/home/me/skillproof' })).toEqual({
      port: 4300,
      host: '127.0.0.1',
      dataDir: '/home/me/skillproof/.skillproof/jobboard',
      url: 'http://localhost:4300',
      adminToken: undefined,
      keySecret: undefined,
      issuerUrls: [],
      didMethod: 'key',
      bitcoinNetwork: 'testnet',
      database: { url: undefined, poolSize: 10, statementTimeoutMs: 10_000 },
    });
  });

  it('derives the default public URL from PORT', () => {
    expect(readMainConfig({ PORT: '8080' }).url).toBe('http://localhost:8080');
  });

  it('reads every setting', () => {
    expect(
      readMainConfig({
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/jobboard',
        JOBBOARD_URL: 'https://jobs.example/board',
        JOBBOARD_ADMIN_TOKEN: 'a-long-admin-token',
        JOBBOARD_KEY_SECRET: 'a-key-secret',
        JOBBOARD_ISSUER_URLS: ' https://academy.example ,http://localhost:4100/,',
        JOBBOARD_DID_METHOD: 'web',
        JOBBOARD_OPENID4VP_RESPONSE_MODE: 'direct_post.jwt',
        JOBBOARD_BITCOIN_NETWORK: 'mainnet',
        DATABASE_URL: 'postgres://board:pw@db.internal/jobs',
        DATABASE_POOL_SIZE: '4',
        DATABASE_STATEMENT_TIMEOUT_MS: '2500',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/var/lib/jobboard',
      url: 'https://jobs.example/board',
      adminToken: 'a-long-admin-token',
      keySecret: 'a-key-secret',
      issuerUrls: ['https://academy.example', 'http://localhost:4100'],
      didMethod: 'web',
      openid4vpResponseMode: 'direct_post.jwt',
      bitcoinNetwork: 'mainnet',
      database: {
        url: 'postgres://board:pw@db.internal/jobs',
        poolSize: 4,
        statementTimeoutMs: 2500,
      },
    });
  });

  it.each([
    [{ PORT: 'http' }, 'PORT must be a port number from 0 to 65535, got "http"'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535, got "70000"'],
    [{ PORT: '-1' }, 'PORT must be a port number from 0 to 65535, got "-1"'],
    [
      { JOBBOARD_URL: 'jobs.example' },
      'JOBBOARD_URL must be an absolute http(s) URL, got "jobs.example"',
    ],
    [
      { JOBBOARD_URL: 'ftp://jobs.example' },
      'JOBBOARD_URL must be an absolute http(s) URL, got "ftp://jobs.example"',
    ],
    [
      { JOBBOARD_ADMIN_TOKEN: 'has spaces' },
      'JOBBOARD_ADMIN_TOKEN must be 1-512 characters of A-Z a-z 0-9 . _ ~ + / = -',
    ],
    [
      { JOBBOARD_ISSUER_URLS: 'https://academy.example,academy.example' },
      'JOBBOARD_ISSUER_URLS must be an absolute http(s) URL, got "academy.example"',
    ],
    [
      { JOBBOARD_ISSUER_URLS: 'https://academy.example,file:///etc/passwd' },
      'JOBBOARD_ISSUER_URLS must be an absolute http(s) URL, got "file:///etc/passwd"',
    ],
    [
      { JOBBOARD_BITCOIN_NETWORK: 'bitcoin' },
      'JOBBOARD_BITCOIN_NETWORK must be one of testnet, signet, regtest, mainnet, got "bitcoin"',
    ],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => readMainConfig(env)).toThrow(
      new SkillproofError('CONFIGURATION_INVALID', message),
    );
  });

  it('counts blank values as unset', () => {
    expect(readMainConfig({ HOST: '', JOBBOARD_ADMIN_TOKEN: ' ', PORT: '' })).toMatchObject({
      host: '127.0.0.1',
      adminToken: undefined,
      port: 4300,
    });
  });

  it('resolves a relative DATA_DIR against the folder the command was run from', () => {
    expect(readMainConfig({ INIT_CWD: '/home/me/skillproof', DATA_DIR: 'data' }).dataDir).toBe(
      '/home/me/skillproof/data',
    );
  });
});
