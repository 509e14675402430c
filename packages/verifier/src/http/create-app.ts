import express, { type Express } from 'express';
import { createErrorHandler, jsonBody, notFoundHandler } from '@skillproof/server/http';
import { createDidResolver } from '../did/create-did-resolver.js';
import { createStatusListResolver } from '../status/status-list-resolver.js';
import { createTransparencyLogResolver } from '../transparency/transparency-log-resolver.js';
import { openApiRoutes } from './routes/openapi-routes.js';
import { verificationRoutes } from './routes/verification-routes.js';
import type { VerifierAppDeps } from './verifier-app-deps.js';

export type { VerifierAppDeps } from './verifier-app-deps.js';

/**
 * The VC-API verifier service: `POST /credentials/verify` and `POST /presentations/verify`, and
 * their OpenAPI 3.1 description at `GET /openapi.json`.
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
    verificationRoutes({
      ...deps,
      statusLists: deps.statusLists ?? createStatusListResolver(),
      // One resolver for the app, so did:web documents are cached across requests.
      didResolver: deps.didResolver ?? createDidResolver(),
      transparencyLogs: deps.transparencyLogs ?? createTransparencyLogResolver(),
    }),
  );
  app.use(openApiRoutes());
  app.use(notFoundHandler);
  app.use(
    createErrorHandler({
      log: deps.log ?? { error: (message, details) => console.error(message, details) },
    }),
  );
  return app;
}
