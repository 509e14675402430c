import { createErrorHandler, jsonBody, notFoundHandler } from '@skillproof/core/http';
import type { SkillproofAgent } from '@skillproof/core/agent';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Catalog } from '../catalog/catalog-types.js';
import { defaultCatalog } from '../catalog/default-catalog.js';
import type { IssuerContext, IssuerIdentifier, IssuerLog } from '../domain/issuer-context.js';
import { issuerProfile } from '../domain/issuer-profile.js';
import type { IssuerStore } from '../store/issuer-store.js';
import { attemptRoutes } from './routes/attempt-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { credentialRoutes } from './routes/credential-routes.js';
import { profileRoutes } from './routes/profile-routes.js';

/** The issuer's public name and address, and the VC-API admin token. */
export interface IssuerConfig {
  name: string;
  /** Public base URL, used in every URL the issuer publishes; a trailing slash is dropped. */
  url: string;
  /** Bearer token of `POST /credentials/issue`; without one that endpoint refuses everyone. */
  adminToken?: string;
}

/** What {@link createIssuerApp} needs; every dependency is an argument. */
export interface IssuerAppDeps {
  /** Built by `createIssuerStore(db)`. */
  store: IssuerStore;
  agent: SkillproofAgent;
  /** From `ensureIdentifier(agent, 'issuer')`. */
  identifier: IssuerIdentifier;
  /** Default `defaultCatalog`. */
  catalog?: Catalog;
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
 * @example
 * ```ts
 * const store = createIssuerStore(db);
 * const agent = await createSkillproofAgent({ db, keySecret });
 * const identifier = await ensureIdentifier(agent, 'issuer');
 * const app = createIssuerApp({ store, agent, identifier, config: { name: 'Academy', url } });
 * ```
 */
export function createIssuerApp(deps: IssuerAppDeps): Express {
  const baseUrl = baseUrlOf(deps.config.url);
  const ctx: IssuerContext = {
    store: deps.store,
    agent: deps.agent,
    identifier: deps.identifier,
    catalog: deps.catalog ?? defaultCatalog,
    profile: issuerProfile(deps.identifier.did, { name: deps.config.name, url: baseUrl }),
    baseUrl,
    domain: new URL(baseUrl).origin,
    adminToken: deps.config.adminToken || undefined,
    now: deps.now ?? (() => new Date()),
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
  app.use(catalogRoutes(ctx));
  app.use(authRoutes(ctx));
  app.use(attemptRoutes(ctx));
  app.use(credentialRoutes(ctx));
  app.use(notFoundHandler);
  app.use(createErrorHandler(ctx.log));
  return app;
}
