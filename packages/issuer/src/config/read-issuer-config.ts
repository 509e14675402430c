import {
  readConfig,
  SkillproofError,
  type Environment,
  type ReadConfigOptions,
} from '@skillproof/core';
import type { WitnessEndpoint } from '../transparency/witness-client.js';
import { readLogWitnesses } from './read-log-witnesses.js';
import { readDatabaseSettings, type DatabaseSettings } from '@skillproof/server/database';

/** The issuer's settings, as read from the environment by `main.ts`. */
export interface IssuerSettings {
  port: number;
  host: string;
  dataDir: string;
  /** Public base URL, no trailing slash. */
  url: string;
  name: string;
  /** `undefined` when unset: `main.ts` then generates one for the run. */
  adminToken: string | undefined;
  /** `undefined` when unset: `main.ts` then keeps one in `<dataDir>/key-secret`. */
  keySecret: string | undefined;
  /** `undefined` when unset: the issuer then derives one from the key secret. */
  puzzleSecret: string | undefined;
  /** A catalogue folder replacing the default one; `undefined` when unset. */
  catalogDir: string | undefined;
  /** `key` (default) or `web`: the issuer's DID method. */
  didMethod: 'key' | 'web';
  /** Whether the web pages' credential offers ask for a transaction code (default false). */
  offerTxCode: boolean;
  /** How long an OpenID4VCI credential offer stays usable, in seconds (default 600). */
  offerTtlSeconds: number;
  /** How often new transparency log entries get a signed checkpoint (`ISSUER_LOG_CHECKPOINT_MS`). */
  logCheckpointMs: number;
  /** Witnesses asked to cosign each checkpoint (`ISSUER_LOG_WITNESSES`; none by default). */
  logWitnesses: WitnessEndpoint[];
  /** `DATABASE_URL`, `DATABASE_POOL_SIZE`, `DATABASE_STATEMENT_TIMEOUT_MS` (`readDatabaseSettings`). */
  database: DatabaseSettings;
}

/**
 * Reads and checks the issuer's settings: `PORT` (default 4100), `HOST` (127.0.0.1),
 * `DATA_DIR` (`.skillproof/issuer`, relative to the folder the command was run from),
 * `ISSUER_URL` (`http://localhost:<PORT>`), `ISSUER_NAME` (Skillproof Academy),
 * `ISSUER_ADMIN_TOKEN`, `ISSUER_KEY_SECRET`, `ISSUER_PUZZLE_SECRET` (at least 16 characters;
 * seeds learners' puzzle inputs), `ISSUER_CATALOG_DIR` (a catalogue folder to offer instead of
 * the default one), `ISSUER_DID_METHOD` (`key`, the default, or `web`: the did:web of
 * `ISSUER_URL`), `ISSUER_OFFER_TX_CODE` (`true` or `false`, the default: whether the credential
 * offers of the web pages ask for a transaction code), `ISSUER_LOG_CHECKPOINT_MS` (how often the transparency log's new entries get a signed
 * checkpoint, default 1000), `ISSUER_LOG_WITNESSES` (witnesses that cosign each checkpoint: see
 * `readLogWitnesses`), `ISSUER_OFFER_TTL_SECONDS` (how long an OpenID4VCI credential offer stays
 * usable, 30-86400, default 600) and the database settings (`readDatabaseSettings`:
 * `DATABASE_URL`, a PostgreSQL server instead of `<DATA_DIR>/issuer.db`, with
 * `DATABASE_POOL_SIZE` and `DATABASE_STATEMENT_TIMEOUT_MS`). Blank values count as unset.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` naming the first bad variable.
 * @example
 * ```ts
 * const settings = readIssuerConfig(process.env);
 * ```
 */
export function readIssuerConfig(
  env: Environment,
  options: ReadConfigOptions = {},
): IssuerSettings {
  const config = readConfig(env, options);
  const port = config.port('PORT', 4100);
  const catalogDir = config.text('ISSUER_CATALOG_DIR');
  const didMethod = config.text('ISSUER_DID_METHOD', 'key');
  if (didMethod !== 'key' && didMethod !== 'web') {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `ISSUER_DID_METHOD must be key or web, got "${didMethod}"`,
    );
  }
  const offerTxCode = config.text('ISSUER_OFFER_TX_CODE', 'false');
  if (offerTxCode !== 'true' && offerTxCode !== 'false') {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `ISSUER_OFFER_TX_CODE must be true or false, got "${offerTxCode}"`,
    );
  }
  return {
    port,
    host: config.text('HOST', '127.0.0.1'),
    dataDir: config.path('DATA_DIR', '.skillproof/issuer'),
    url: config.baseUrl('ISSUER_URL', `http://localhost:${port}`),
    name: config.text('ISSUER_NAME', 'Skillproof Academy'),
    adminToken: config.secret('ISSUER_ADMIN_TOKEN', { minLength: 16 }),
    keySecret: config.secret('ISSUER_KEY_SECRET', { minLength: 1 }),
    puzzleSecret: config.secret('ISSUER_PUZZLE_SECRET', { minLength: 16 }),
    catalogDir:
      catalogDir === undefined ? undefined : config.path('ISSUER_CATALOG_DIR', catalogDir),
    didMethod,
    offerTxCode: offerTxCode === 'true',
    offerTtlSeconds: config.integer('ISSUER_OFFER_TTL_SECONDS', { min: 30, max: 86_400 }, 600),
    logCheckpointMs: config.integer('ISSUER_LOG_CHECKPOINT_MS', { min: 10, max: 3_600_000 }, 1000),
    logWitnesses: readLogWitnesses(config.text('ISSUER_LOG_WITNESSES')),
    database: readDatabaseSettings(env),
  };
}
