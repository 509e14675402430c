import {
  createErrorHandler,
  jsonBody,
  notFoundHandler,
  type ServiceLog,
} from '@skillproof/core/http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createStatusListResolver, type StatusListResolver } from '@skillproof/verifier';
import type { JobboardStore } from '../store/jobboard-store.js';
import { checksErrorHandler } from './checks-error-handler.js';
import { applicationsRouter } from './routes/applications-router.js';
import { employersRouter } from './routes/employers-router.js';
import { postingsRouter } from './routes/postings-router.js';

/** The job board's settings; {@link createJobboardApp} reads nothing from the environment. */
export interface JobboardConfig {
  /** The public base URL; its origin is the domain (audience) presentations must name. */
  url: string;
  /** The admin's bearer token; without one, `POST /api/employers` always answers 401. */
  adminToken?: string;
  /** How long a presentation request's nonce may be used, in seconds. Default 600. */
  nonceTtlSeconds?: number;
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
  log: JobboardLog;
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
    log,
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(jsonBody('256kb'));
  app.use('/api/employers', employersRouter(context));
  app.use('/api/postings', postingsRouter(context));
  app.use('/api/postings', applicationsRouter(context));
  app.use(notFoundHandler);
  app.use(checksErrorHandler);
  app.use(createErrorHandler({ error: (message, details) => log.error(message, details) }));
  return app;
}
