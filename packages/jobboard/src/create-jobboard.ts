import { createViewRenderer } from '@skillproof/server/web';
import {
  createStatusListResolver,
  createTransparencyLogResolver,
  type StatusListResolver,
  type TransparencyLogResolver,
} from '@skillproof/verifier';
import type { DatabaseReadiness } from '@skillproof/server/database';
import type { Express } from 'express';
import { createHttpApp } from './http/create-app.js';
import type { JobboardContext, JobboardLog } from './jobboard-context.js';
import type { BoardIdentity } from './openid4vp/board-identity.js';
import type { Openid4vpResponseMode } from './openid4vp/openid4vp-settings.js';
import { defaultBitcoinNetwork } from './domain/tasks/bitcoin-network.js';
import type { BitcoinNetworkName } from './paid-task-types.js';
import type { JobboardStore } from './ports/jobboard-store.js';
import type { RateLimitStore } from './store/rate-limit-store.js';
import { sendErrorPage } from './web/error-page.js';
import { createIssuerCatalogs } from './web/issuer-catalogs.js';
import type { WebContext } from './web/web-context.js';
import { viewsDirectory } from './web/web-directories.js';
import { webRouter } from './web/web-router.js';

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
  /**
   * How wallets answer the board's OpenID4VP requests: `direct_post`, or `direct_post.jwt`
   * (encrypted to a key of each request, OpenID4VP 1.0 §8.3). Default `direct_post`.
   */
  openid4vpResponseMode?: Openid4vpResponseMode;
  /**
   * The bitcoin network paid tasks settle on when a posting names none
   * (`JOBBOARD_BITCOIN_NETWORK`). Default testnet; `mainnet` (real bitcoin) is the only way
   * a board takes mainnet tasks, and then it takes no test-network ones.
   */
  bitcoinNetwork?: BitcoinNetworkName;
}

/** What {@link createJobboardApp} is built from. */
export interface JobboardAppDeps {
  /** The board's store; its rate limiters count in the same database (`createJobboardStore`). */
  store: JobboardStore & RateLimitStore;
  config: JobboardConfig;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Loads and caches status lists. Default: one {@link createStatusListResolver} for the app. */
  statusLists?: StatusListResolver;
  /**
   * Loads and caches issuers' transparency-log receipts (postings with `requireTransparency`).
   * Default: one `createTransparencyLogResolver` for the app, over plain HTTP to loopback only
   * when the board itself is on loopback HTTP (development).
   */
  transparencyLogs?: TransparencyLogResolver;
  log?: JobboardLog;
  /**
   * The board's DID and signing key (`openBoardIdentity`): with it the board is an OpenID4VP
   * verifier (`/oid4vp/*`, "Apply with a wallet"); without, it offers its own API only.
   */
  identity?: BoardIdentity;
  /**
   * Whether the board's database answers and is migrated, for `/readyz`
   * (`checkJobboardReadiness`). Default: always ready.
   */
  readiness?: () => Promise<DatabaseReadiness>;
}

const defaultLog: JobboardLog = {
  info: () => undefined,
  error: (message, fields) => console.error(message, fields ?? {}),
};

/**
 * The job board, wired: its store, the domain's shared parts (clock, status lists), the web pages and the JSON API, as one Express app. Employers (admin), postings
 * (employers create, anyone reads), presentation requests and applications (applicants), each
 * posting's applications (its employer), and the pages for people. The one place the board is
 * put together: `main.ts` reads the environment and calls this.
 *
 * @throws TypeError when `config.url` is not an absolute URL or `nonceTtlSeconds` is not positive.
 * @example
 * ```ts
 * const app = createJobboardApp({
 *   store: await createJobboardStore(openDatabase(':memory:')),
 *   config: { url: 'http://localhost:4300', adminToken },
 * });
 * ```
 */
export function createJobboardApp(deps: JobboardAppDeps): Express {
  let publicUrl: URL;
  try {
    publicUrl = new URL(deps.config.url);
  } catch {
    throw new TypeError(`config.url is not an absolute URL: ${deps.config.url}`);
  }
  const nonceTtlSeconds = deps.config.nonceTtlSeconds ?? 600;
  if (!Number.isFinite(nonceTtlSeconds) || nonceTtlSeconds <= 0) {
    throw new TypeError('config.nonceTtlSeconds must be a positive number');
  }
  const now = deps.now ?? (() => new Date());
  // Every limit counts in the board's database on the app's clock, so cluster workers over one
  // file, or instances over one PostgreSQL database, share one count (counted per process, N of
  // them would allow N times the limit).
  const limit = (name: string, perWindow: number, windowMs: number) =>
    deps.store.rateLimiter({ name, limit: perWindow, windowMs, now });
  const context: JobboardContext = {
    store: deps.store,
    adminToken: deps.config.adminToken,
    domain: publicUrl.origin,
    nonceTtlSeconds,
    now,
    statusLists: deps.statusLists ?? createStatusListResolver(),
    transparencyLogs:
      deps.transparencyLogs ??
      createTransparencyLogResolver({
        now,
        allowHttpLoopback:
          publicUrl.protocol === 'http:' &&
          ['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname),
      }),
    presentationRequestLimiter: limit(
      'presentation-requests',
      deps.config.presentationRequestsPerMinute ?? 120,
      60_000,
    ),
    log: deps.log ?? defaultLog,
    passwordLogN: deps.config.passwordLogN,
    bitcoinNetwork: deps.config.bitcoinNetwork ?? defaultBitcoinNetwork,
    openid4vp: deps.identity && {
      identity: deps.identity,
      baseUrl: deps.config.url.replace(/\/+$/, ''),
      ttlSeconds: nonceTtlSeconds,
      responseMode: deps.config.openid4vpResponseMode ?? 'direct_post',
    },
  };
  const basePath = publicUrl.pathname.replace(/\/+$/, '');
  const secure = publicUrl.protocol === 'https:';
  const web: WebContext = {
    jobboard: context,
    render: createViewRenderer(viewsDirectory),
    catalogs: createIssuerCatalogs({ issuerUrls: deps.config.issuerUrls ?? [] }),
    baseUrl: deps.config.url.replace(/\/+$/, ''),
    basePath,
    origin: publicUrl.origin,
    cookie: { basePath, secure },
    // Per quarter hour: 10 tries per email, 100 per client address (an office shares one).
    // OWASP Authentication Cheat Sheet: throttle guessing per account and per source.
    signInLimiters: {
      byAddress: limit('sign-in-by-address', 100, 15 * 60_000),
      byEmail: limit('sign-in-by-email', 10, 15 * 60_000),
    },
    ...(deps.config.passwordLogN === undefined ? {} : { passwordLogN: deps.config.passwordLogN }),
  };
  return createHttpApp({
    context,
    pages: webRouter(web),
    sendErrorPage: (req, res, error, status) => sendErrorPage(web, req, res, error, status),
    secure,
    publicUrl: deps.config.url.replace(/\/+$/, ''),
    readiness: deps.readiness ?? (async () => ({ ready: true })),
  });
}
