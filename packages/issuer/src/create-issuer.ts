import {
  createSkillproofAgent,
  ensureIdentifier,
  type SkillproofAgent,
} from '@skillproof/server/agent';
import type { SqliteDatabase } from '@skillproof/server/sqlite';
import type { Express } from 'express';
import type { Catalog } from './catalog/catalog-types.js';
import { derivePuzzleSecret } from './config/derive-puzzle-secret.js';
import type { IssuerIdentifier, IssuerLog } from './domain/issuer-context.js';
import { createIssuerApp, type IssuerConfig } from './http/create-app.js';
import type { IssuerRateLimits } from './http/issuer-rate-limits.js';
import { createStatusListStore, type StatusListStore } from './status/status-list-store.js';
import { createIssuerStore, type IssuerStore } from './store/issuer-store.js';

/** Options for {@link createIssuer}. */
export interface CreateIssuerOptions {
  /** Holds the issuer's tables and its keys (created on first use). */
  db: SqliteDatabase;
  /** Encrypts the issuer's private key at rest; must be the same on every start. */
  keySecret: string;
  config: IssuerConfig;
  catalog?: Catalog;
  /** Seeds learners' puzzle inputs. Default: derived from `keySecret` (HKDF-SHA256). */
  puzzleSecret?: string;
  /** Request limits; each one given replaces its default. */
  rateLimits?: Partial<IssuerRateLimits>;
  now?: () => Date;
  log?: IssuerLog;
  /** scrypt cost (log2 N) when the key store is first created; tests pass 10. */
  scryptLogN?: number;
}

/** A ready issuer: its app (not listening) and the parts it was built from. */
export interface CreateIssuerResult {
  app: Express;
  identifier: IssuerIdentifier;
  store: IssuerStore;
  statusLists: StatusListStore;
  agent: SkillproofAgent;
}

/**
 * Builds an issuer on one database: runs migrations, opens the key store, and creates the
 * issuer's did:key on first start (the same DID on every later start with the same secret).
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` when `keySecret` does not open the stored keys.
 * @example
 * ```ts
 * const { app, identifier } = await createIssuer({ db: openDatabase(':memory:'), keySecret,
 *   config: { name: 'Skillproof Academy', url: 'http://localhost:4100' } });
 * ```
 */
export async function createIssuer(options: CreateIssuerOptions): Promise<CreateIssuerResult> {
  const store = createIssuerStore(options.db);
  const statusLists = createStatusListStore(options.db);
  const agent = await createSkillproofAgent({
    db: options.db,
    keySecret: options.keySecret,
    ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
  });
  const identifier = await ensureIdentifier(agent, 'issuer');
  const app = createIssuerApp({
    store,
    statusLists,
    agent,
    identifier,
    config: options.config,
    puzzleSecret: options.puzzleSecret ?? derivePuzzleSecret(options.keySecret),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { app, identifier, store, statusLists, agent };
}
