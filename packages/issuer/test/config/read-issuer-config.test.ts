import { describe, expect, it } from '@jest/globals';
import { formatCosignerKey, formatVerifierKey } from '@skillproof/core';
import { readIssuerConfig } from '../../src/index.js';

const witnessKey = { name: 'witness.example/w1', publicKey: new Uint8Array(32).fill(7) };
const witnessVkey = formatCosignerKey(witnessKey);

describe('readIssuerConfig', () => {
  it('fills in the defaults', () => {
    expect(readIssuerConfig({}, { baseDir: '/home/me/skillproof' })).toEqual({
      port: 4100,
      host: '127.0.0.1',
      dataDir: '/home/me/skillproof/.skillproof/issuer',
      url: 'http://localhost:4100',
      name: 'Skillproof Academy',
      adminToken: undefined,
      keySecret: undefined,
      puzzleSecret: undefined,
      catalogDir: undefined,
      didMethod: 'key',
      offerTxCode: false,
      offerTtlSeconds: 600,
      logCheckpointMs: 1000,
      logWitnesses: [],
      database: { url: undefined, poolSize: 10, statementTimeoutMs: 10_000 },
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
        ISSUER_DID_METHOD: 'web',
        ISSUER_OFFER_TX_CODE: 'true',
        ISSUER_OFFER_TTL_SECONDS: '120',
        ISSUER_LOG_CHECKPOINT_MS: '250',
        ISSUER_LOG_WITNESSES: ` http://127.0.0.1:4400 ${witnessVkey} ,https://w2.example/w ${witnessVkey}`,
        DATABASE_URL: 'postgres://issuer@db.internal/issuer',
        DATABASE_POOL_SIZE: '4',
        DATABASE_STATEMENT_TIMEOUT_MS: '2000',
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
      didMethod: 'web',
      offerTxCode: true,
      offerTtlSeconds: 120,
      logCheckpointMs: 250,
      logWitnesses: [
        { url: 'http://127.0.0.1:4400', key: witnessKey },
        { url: 'https://w2.example/w', key: witnessKey },
      ],
      database: {
        url: 'postgres://issuer@db.internal/issuer',
        poolSize: 4,
        statementTimeoutMs: 2000,
      },
    });
  });

  it('resolves a relative DATA_DIR against the folder the command was run from', () => {
    expect(
      readIssuerConfig({ INIT_CWD: '/home/me/skillproof', DATA_DIR: 'data/issuer' }).dataDir,
    ).toBe('/home/me/skillproof/data/issuer');
  });

  it('counts blank values as unset', () => {
    expect(
      readIssuerConfig({ PORT: ' ', ISSUER_NAME: '', ISSUER_ADMIN_TOKEN: '  ' }),
    ).toMatchObject({
      port: 4100,
      name: 'Skillproof Academy',
      adminToken: undefined,
    });
  });

  it('derives the default URL from PORT', () => {
    expect(readIssuerConfig({ PORT: '5000' }).url).toBe('http://localhost:5000');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be a port number from 0 to 65535, got "abc"$/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ PORT: '-1' }, /^PORT must be a port number/],
    [{ ISSUER_URL: 'localhost:4100' }, /^ISSUER_URL must be an absolute http\(s\) URL/],
    [{ ISSUER_URL: 'not a url' }, /^ISSUER_URL must be an absolute http\(s\) URL/],
    [{ ISSUER_URL: 'https://academy.example/?x=1' }, /^ISSUER_URL must be a plain base URL/],
    [{ ISSUER_ADMIN_TOKEN: 'short' }, /^ISSUER_ADMIN_TOKEN must be at least 16 characters/],
    [{ ISSUER_PUZZLE_SECRET: 'short' }, /^ISSUER_PUZZLE_SECRET must be at least 16 characters/],
    [{ ISSUER_DID_METHOD: 'ion' }, /^ISSUER_DID_METHOD must be key or web, got "ion"$/],
    [{ ISSUER_OFFER_TX_CODE: 'yes' }, /^ISSUER_OFFER_TX_CODE must be true or false, got "yes"$/],
    [{ ISSUER_LOG_WITNESSES: 'http://127.0.0.1:4400 not-a-key' }, /^ISSUER_LOG_WITNESSES entry 1 /],
    [{ ISSUER_LOG_WITNESSES: `ftp://w.example ${witnessVkey}` }, /^ISSUER_LOG_WITNESSES entry 1 /],
    [
      { ISSUER_LOG_WITNESSES: `http://a.example ${witnessVkey},http://b.example` },
      /^ISSUER_LOG_WITNESSES entry 2 /,
    ],
    // A note (log) key is not a witness's cosigner key.
    [
      { ISSUER_LOG_WITNESSES: `http://a.example ${formatVerifierKey(witnessKey)}` },
      /^ISSUER_LOG_WITNESSES entry 1 /,
    ],
  ])('refuses %j with CONFIGURATION_INVALID', (env, message) => {
    expect(() => readIssuerConfig(env)).toThrow(
      expect.objectContaining({
        code: 'CONFIGURATION_INVALID',
        message: expect.stringMatching(message),
      }) as unknown as Error,
    );
  });
});
