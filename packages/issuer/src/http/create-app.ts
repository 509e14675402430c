import { randomBytes } from 'node:crypto';
import { createErrorHandler, jsonBody, notFoundHandler } from '@skillproof/server/http';
import type { SkillproofAgent } from '@skillproof/server/agent';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Catalog } from '../catalog/catalog-types.js';
import { loadDefaultCatalog } from '../catalog/default-catalog.js';
import type { IssuerContext, IssuerIdentifier, IssuerLog } from '../domain/issuer-context.js';
import { issuerProfile } from '../domain/issuer-profile.js';
import { createStatusListPublisher } from '../status/status-list-publisher.js';
import type { StatusListStore } from '../status/status-list-store.js';
import type { IssuerStore } from '../store/issuer-store.js';
import { createIssuerRateLimiters, type IssuerRateLimits } from './issuer-rate-limits.js';
import { attemptRoutes } from './routes/attempt-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { badgeImageRoutes } from './routes/badge-image-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { credentialRoutes } from './routes/credential-routes.js';
import { profileRoutes } from './routes/profile-routes.js';
import { progressRoutes } from './routes/progress-routes.js';
import { skillRoutes } from './routes/skill-routes.js';
import { openApiRoutes } from './routes/openapi-routes.js';
import { statusRoutes } from './routes/status-routes.js';

/** The issuer's public name and address, and the VC-API admin token. */
export interface IssuerConfig {
  name: string;
  /** Public base URL, used in every URL the issuer publishes; a trailing slash is dropped. */
  url: string;
  /**
   * Bearer token of the VC-API admin endpoints (`POST /credentials/issue`,
   * `POST /credentials/status`); without one they refuse everyone.
   */
  adminToken?: string;
}

/** What {@link createIssuerApp} needs; every dependency is an argument. */
export interface IssuerAppDeps {
  /** Built by `createIssuerStore(db)`. */
  store: IssuerStore;
  /** Built by `createStatusListStore(db)` on the same database as `store`. */
  statusLists: StatusListStore;
  agent: SkillproofAgent;
  /** From `ensureIdentifier(agent, 'issuer')`. */
  identifier: IssuerIdentifier;
  /** Default `loadDefaultCatalog()`. */
  catalog?: Catalog;
  /**
   * Seeds learners' puzzle inputs; keep it across restarts or every input (and answer) changes.
   * `createIssuer` derives one from the key secret. Default: random, for this app only.
   */
  puzzleSecret?: Uint8Array | string;
  /** Request limits; each one given replaces its default (`defaultIssuerRateLimits`). */
  rateLimits?: Partial<IssuerRateLimits>;
  config: IssuerConfig;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Default: errors to stderr as JSON lines, nothing else. */
  log?: IssuerLog;
}

const quietLog: IssuerLog = {
  info() {},
  error(message, fields) {
    console.error(JSON.stringify({ ...fields, level: 'error', message }));
  },
};

function baseUrlOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`config.url must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError('config.url must be an http(s) URL');
  }
  return url.replace(/\/+$/, '');
}

/**
 * The issuer's HTTP API as an Express app (not listening): catalogue, DID-auth, micro-tests
 * that award Open Badges credentials, and the VC-API issue endpoint.
 *
 * @throws TypeError when `config.url` is not an http(s) URL.
 * @throws SkillproofError `CONFIGURATION_INVALID` when no catalogue is given and a file of the
 * default one is bad.
 * @example
 * ```ts
 * const store = createIssuerStore(db);
 * const statusLists = createStatusListStore(db);
 * const agent = await createSkillproofAgent({ db, keySecret });
 * const identifier = await ensureIdentifier(agent, 'issuer');
 * const app = createIssuerApp({ store, statusLists, agent, identifier,
 *   config: { name: 'Academy', url, adminToken } });
 * ```
 */
export function createIssuerApp(deps: IssuerAppDeps): Express {
  const baseUrl = baseUrlOf(deps.config.url);
  const now = deps.now ?? (() => new Date());
  const ctx: IssuerContext = {
    store: deps.store,
    statusLists: deps.statusLists,
    statusListPublisher: createStatusListPublisher({
      statusLists: deps.statusLists,
      agent: deps.agent,
      identifier: deps.identifier,
      baseUrl,
      now,
    }),
    agent: deps.agent,
    identifier: deps.identifier,
    catalog: deps.catalog ?? loadDefaultCatalog(),
    puzzleSecret:
      typeof deps.puzzleSecret === 'string'
        ? Buffer.from(deps.puzzleSecret, 'utf8')
        : (deps.puzzleSecret ?? randomBytes(32)),
    profile: issuerProfile(deps.identifier.did, { name: deps.config.name, url: baseUrl }),
    baseUrl,
    domain: new URL(baseUrl).origin,
    adminToken: deps.config.adminToken || undefined,
    now,
    log: deps.log ?? quietLog,
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use((_req, res, next) => {
    // Tokens, challenges and credentials must not sit in shared caches.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(...jsonBody('100kb'));
  app.use(profileRoutes(ctx));
  const limiters = createIssuerRateLimiters(deps.rateLimits, now);
  app.use(catalogRoutes(ctx));
  app.use(badgeImageRoutes(ctx));
  app.use(skillRoutes(ctx));
  app.use(authRoutes(ctx, limiters.auth));
  app.use(attemptRoutes(ctx, limiters.attempts));
  app.use(progressRoutes(ctx));
  app.use(credentialRoutes(ctx));
  app.use(statusRoutes(ctx));
  app.use(openApiRoutes(ctx));
  app.use(notFoundHandler);
  app.use(createErrorHandler({ log: ctx.log }));
  return app;
}
