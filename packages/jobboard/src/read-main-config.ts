import {
  readConfig,
  SkillproofError,
  type Environment,
  type ReadConfigOptions,
} from '@skillproof/core';
import type { Openid4vpResponseMode } from './openid4vp/openid4vp-settings.js';
import { bitcoinNetworkNames, defaultBitcoinNetwork } from './domain/tasks/bitcoin-network.js';
import type { BitcoinNetworkName } from './paid-task-types.js';
import { readDatabaseSettings, type DatabaseSettings } from '@skillproof/server/database';

/** The settings `main.ts` runs the job board with. */
export interface MainConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The public base URL; its origin is the presentation domain. */
  url: string;
  /** Unset: `main.ts` makes one for the run. */
  adminToken: string | undefined;
  /** Seals the board's DID key in its database (`JOBBOARD_KEY_SECRET`); unset: a file in the data directory. */
  keySecret: string | undefined;
  /** Issuers whose catalogues the posting form offers (`JOBBOARD_ISSUER_URLS`). */
  issuerUrls: string[];
  /** Processes serving the board over the one SQLite file (`JOBBOARD_WORKERS`); absent: one. */
  workers?: number;
  /** Presentation requests per client address and minute (`JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE`); absent: the app's default. */
  presentationRequestsPerMinute?: number;
  /** The board's DID method (`JOBBOARD_DID_METHOD`): `key` (default) or `web`, the did:web of its URL. */
  didMethod: 'key' | 'web';
  /** How wallets answer OpenID4VP requests (`JOBBOARD_OPENID4VP_RESPONSE_MODE`); absent: `direct_post`. */
  openid4vpResponseMode?: Openid4vpResponseMode;
  /** The network paid tasks settle on (`JOBBOARD_BITCOIN_NETWORK`): testnet unless set; mainnet only so. */
  bitcoinNetwork: BitcoinNetworkName;
  /** `DATABASE_URL` (PostgreSQL; unset: `jobboard.db` in the data directory), pool size, statement timeout. */
  database: DatabaseSettings;
}

// Bearer tokens are matched against this alphabet (server `bearerToken`); an admin token with any
// other character could never be presented.
const tokenPattern = /^[A-Za-z0-9._~+/=-]{1,512}$/;

/**
 * Reads `PORT` (4300), `HOST` (127.0.0.1), `DATA_DIR` (`.skillproof/jobboard`, relative to the
 * folder the command was run from), `JOBBOARD_URL` (`http://localhost:<PORT>`),
 * `JOBBOARD_ADMIN_TOKEN`, `JOBBOARD_KEY_SECRET`, `JOBBOARD_ISSUER_URLS` (comma-separated issuer base URLs, default
 * none), `JOBBOARD_WORKERS` (processes sharing the port and the database, default 1),
 * `JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE`, `JOBBOARD_DID_METHOD` (`key`, the default, or
 * `web`: the did:web of `JOBBOARD_URL`), `JOBBOARD_OPENID4VP_RESPONSE_MODE` (`direct_post`, the
 * default, or `direct_post.jwt`: wallets encrypt their answers), `JOBBOARD_BITCOIN_NETWORK`
 * (`testnet`, the default, `signet`, `regtest`, or `mainnet`: real bitcoin) and the database settings
 * (`DATABASE_URL`, `DATABASE_POOL_SIZE`, `DATABASE_STATEMENT_TIMEOUT_MS`: `readDatabaseSettings`)
 * from `env`.
 * Blank values count as unset.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` naming the setting that is wrong.
 */
export function readMainConfig(env: Environment, options: ReadConfigOptions = {}): MainConfig {
  const config = readConfig(env, options);
  const port = config.port('PORT', 4300);
  const workers = config.integer('JOBBOARD_WORKERS', { min: 1, max: 64 });
  const presentationRequestsPerMinute = config.integer(
    'JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE',
    { min: 1, max: 9_999_999 },
  );
  const didMethod = config.text('JOBBOARD_DID_METHOD', 'key');
  if (didMethod !== 'key' && didMethod !== 'web') {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `JOBBOARD_DID_METHOD must be key or web, got "${didMethod.slice(0, 100)}"`,
    );
  }
  const responseMode = config.text('JOBBOARD_OPENID4VP_RESPONSE_MODE');
  if (
    responseMode !== undefined &&
    responseMode !== 'direct_post' &&
    responseMode !== 'direct_post.jwt'
  ) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `JOBBOARD_OPENID4VP_RESPONSE_MODE must be direct_post or direct_post.jwt, got "${responseMode.slice(0, 100)}"`,
    );
  }
  const network = config.text('JOBBOARD_BITCOIN_NETWORK', defaultBitcoinNetwork);
  if (!(bitcoinNetworkNames as readonly string[]).includes(network)) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `JOBBOARD_BITCOIN_NETWORK must be one of ${bitcoinNetworkNames.join(', ')}, got "${network.slice(0, 100)}"`,
    );
  }
  return {
    port,
    bitcoinNetwork: network as BitcoinNetworkName,
    host: config.text('HOST', '127.0.0.1'),
    dataDir: config.path('DATA_DIR', '.skillproof/jobboard'),
    url: config.baseUrl('JOBBOARD_URL', `http://localhost:${port}`),
    adminToken: config.secret('JOBBOARD_ADMIN_TOKEN', {
      minLength: 1,
      pattern: tokenPattern,
      what: '1-512 characters of A-Z a-z 0-9 . _ ~ + / = -',
    }),
    keySecret: config.secret('JOBBOARD_KEY_SECRET', { minLength: 1 }),
    issuerUrls: config.baseUrls('JOBBOARD_ISSUER_URLS'),
    didMethod,
    ...(workers === undefined ? {} : { workers }),
    ...(presentationRequestsPerMinute === undefined ? {} : { presentationRequestsPerMinute }),
    ...(responseMode === undefined ? {} : { openid4vpResponseMode: responseMode }),
    database: readDatabaseSettings(env),
  };
}
