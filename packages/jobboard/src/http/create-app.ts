import {
  createErrorHandler,
  createRateLimiter,
  jsonBody,
  type RateLimiter,
  notFoundHandler,
  type ServiceLog,
} from '@skillproof/server/http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createStatusListResolver, type StatusListResolver } from '@skillproof/verifier';
import type { JobboardStore } from '../store/jobboard-store.js';
import {
  createRequirementMatcher,
  type RequirementMatcher,
} from '../domain/requirement-matcher.js';
import { checksErrorHandler } from './checks-error-handler.js';
import { applicationsRouter } from './routes/applications-router.js';
import { employersRouter } from './routes/employers-router.js';
import { postingsRouter } from './routes/postings-router.js';
import { createViewRenderer } from '../web/create-view-renderer.js';
import { createIssuerCatalogs } from '../web/issuer-catalogs.js';
import { webRouter } from '../web/web-router.js';

/** The job board's settings; {@link createJobboardApp} reads nothing from the environment. */
export interface JobboardConfig {
  /** The public base URL; its origin is the domain (audience) presentations must name. */
  url: string;
  /** The admin's bearer token; without one, `POST /api/employers` always answers 401. */
  adminToken?: string;
  /** How long a presentation request's nonce may be used, in seconds. Default 600. */
  nonceTtlSeconds?: number;
  /**
   * Base URLs of the issuers whose catalogues the posting form offers (`GET <url>/catalog`,
   * fetched by the board itself). Default none.
   */
  issuerUrls?: string[];
  /** scrypt cost (log2 N) of employer password hashes. Default 15; tests lower it. */
  passwordLogN?: number;
  /**
   * Presentation requests one client address may ask for per minute. Each stores a nonce until
   * it expires, so this bounds what an anonymous client can make the board store. Default 120.
   */
  presentationRequestsPerMinute?: number;
}

/** Where the job board writes what happens. */
export type JobboardLog = ServiceLog;

/** What {@link createJobboardApp} is built from. */
export interface JobboardAppDeps {
  store: JobboardStore;
  config: JobboardConfig;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Loads and caches status lists. Default: one {@link createStatusListResolver} for the app. */
  statusLists?: StatusListResolver;
  log?: JobboardLog;
}

/** What every route of the job board is handed. */
export interface JobboardContext {
  store: JobboardStore;
  adminToken: string | undefined;
  domain: string;
  nonceTtlSeconds: number;
  now: () => Date;
  statusLists: StatusListResolver;
  /** Finds each requirement's credentials with PEX; one for the app. */
  requirementMatcher: RequirementMatcher;
  log: JobboardLog;
  /** scrypt cost of employer password hashes; `undefined` means the default. */
  passwordLogN: number | undefined;
  /** Counts presentation requests per client address. */
  presentationRequestLimiter: RateLimiter;
}

const defaultLog: JobboardLog = {
  info: () => undefined,
  error: (message, fields) => console.error(message, fields ?? {}),
};

/**
 * The job board's Express app: employers (admin), postings (employers create, anyone reads),
 * presentation requests and applications (applicants), and each posting's applications (its
 * employer). JSON bodies up to 256 kB; errors as `{error:{code,message}}`.
 *
 * @throws TypeError when `config.url` is not an absolute URL or `nonceTtlSeconds` is not positive.
 * @example
 * ```ts
 * const app = createJobboardApp({
 *   store: createJobboardStore(openDatabase(':memory:')),
 *   config: { url: 'http://localhost:4300', adminToken },
 * });
 * ```
 */
export function createJobboardApp(deps: JobboardAppDeps): Express {
  let domain: string;
  try {
    domain = new URL(deps.config.url).origin;
  } catch {
    throw new TypeError(`config.url is not an absolute URL: ${deps.config.url}`);
  }
  const nonceTtlSeconds = deps.config.nonceTtlSeconds ?? 600;
  if (!Number.isFinite(nonceTtlSeconds) || nonceTtlSeconds <= 0) {
    throw new TypeError('config.nonceTtlSeconds must be a positive number');
  }
  const log = deps.log ?? defaultLog;
  const context: JobboardContext = {
    store: deps.store,
    adminToken: deps.config.adminToken,
    domain,
    nonceTtlSeconds,
    now: deps.now ?? (() => new Date()),
    statusLists: deps.statusLists ?? createStatusListResolver(),
    requirementMatcher: createRequirementMatcher(),
    presentationRequestLimiter: createRateLimiter({
      limit: deps.config.presentationRequestsPerMinute ?? 120,
      windowMs: 60_000,
    }),
    log,
    passwordLogN: deps.config.passwordLogN,
  };
  const publicUrl = new URL(deps.config.url);
  const baseUrl = deps.config.url.replace(/\/+$/, '');
  const basePath = publicUrl.pathname.replace(/\/+$/, '');
  const secure = publicUrl.protocol === 'https:';

  const app = express();
  app.disable('x-powered-by');
  // upgrade-insecure-requests only where the board is https: on a plain-http board (a LAN host
  // in development) browsers would move the pages' own stylesheet and form posts to an https
  // port that isn't there (W3C Upgrade Insecure Requests; Chromium exempts only loopback).
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: secure ? [] : null } },
    }),
  );
  app.use(
    webRouter({
      jobboard: context,
      render: createViewRenderer(),
      catalogs: createIssuerCatalogs({ issuerUrls: deps.config.issuerUrls ?? [] }),
      baseUrl,
      basePath,
      origin: domain,
      cookie: { basePath, secure },
      // Per quarter hour: 10 tries per email, 100 per client address (an office shares one).
      // OWASP Authentication Cheat Sheet: throttle guessing per account and per source.
      signInLimiters: {
        byAddress: createRateLimiter({ limit: 100, windowMs: 15 * 60_000 }),
        byEmail: createRateLimiter({ limit: 10, windowMs: 15 * 60_000 }),
      },
      ...(deps.config.passwordLogN === undefined ? {} : { passwordLogN: deps.config.passwordLogN }),
    }),
  );
  app.use(jsonBody('256kb'));
  app.use('/api/employers', employersRouter(context));
  app.use('/api/postings', postingsRouter(context));
  app.use('/api/postings', applicationsRouter(context));
  app.use(notFoundHandler);
  app.use(checksErrorHandler);
  app.use(createErrorHandler({ error: (message, details) => log.error(message, details) }));
  return app;
}
