import express, { type Express } from 'express';
import {
  createErrorHandler,
  jsonBody,
  notFoundHandler,
  type ErrorLog,
} from '@skillproof/server/http';
import {
  createStatusListResolver,
  type StatusListResolver,
} from '../status/status-list-resolver.js';
import type { TrustedIssuer } from '../verification-policy.js';
import { verificationRoutes } from './routes/verification-routes.js';

/** What the verifier service needs. */
export interface VerifierAppDeps {
  /** Issuers trusted; absent or empty: trust is reported as not evaluated. */
  trustedIssuers?: readonly TrustedIssuer[];
  now?: () => Date;
  /** Loads and caches status lists. Default: one {@link createStatusListResolver} for the app. */
  statusLists?: StatusListResolver;
  log?: ErrorLog;
}

/**
 * The VC-API verifier service: `POST /credentials/verify` and `POST /presentations/verify`.
 *
 * @example
 * ```ts
 * const app = createVerifierApp({ trustedIssuers: [{ did }] });
 * ```
 */
export function createVerifierApp(deps: VerifierAppDeps = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(jsonBody('1mb'));
  app.use(
    verificationRoutes({ ...deps, statusLists: deps.statusLists ?? createStatusListResolver() }),
  );
  app.use(notFoundHandler);
  app.use(
    createErrorHandler({
      log: deps.log ?? { error: (message, details) => console.error(message, details) },
    }),
  );
  return app;
}
