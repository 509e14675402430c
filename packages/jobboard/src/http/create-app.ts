import type { DatabaseReadiness } from '@skillproof/server/database';
import { healthRouter, jsonBody, notFoundHandler } from '@skillproof/server/http';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { JobboardContext } from '../jobboard-context.js';
import { createErrorHandler, type ErrorPageSender } from './error-handler.js';
import { openApiDocument } from './openapi-document.js';
import { applicationsRouter } from './routes/applications-router.js';
import { employersRouter } from './routes/employers-router.js';
import { openid4vpRouter } from './routes/openid4vp-router.js';
import { postingsRouter } from './routes/postings-router.js';
import { tasksRouter } from './routes/tasks-router.js';

/** What {@link createHttpApp} serves. */
export interface HttpAppParts {
  context: JobboardContext;
  /** The web pages, mounted before the API; they pass anything under `/api` on. */
  pages: Router;
  /** Answers errors outside `/api` with a page. */
  sendErrorPage: ErrorPageSender;
  /** True when the board's public URL is https. */
  secure: boolean;
  /** The board's public URL: the OpenAPI document's server. */
  publicUrl: string;
  /** Whether the board's database answers and is migrated (`/readyz`). */
  readiness: () => Promise<DatabaseReadiness>;
}

/**
 * The job board's Express app around its routes: security headers, `/healthz` and `/readyz`
 * (liveness, and readiness: the database answers and is migrated), its OpenAPI document at
 * `/openapi.json`, the OpenID4VP verifier endpoints under `/oid4vp` (when configured), the web pages, the JSON API under `/api` (bodies up to 256 kB), and one error
 * middleware for both.
 *
 * @example
 * ```ts
 * const app = createHttpApp({ context, pages: webRouter(web), sendErrorPage, secure: true, publicUrl, readiness });
 * ```
 */
export function createHttpApp(parts: HttpAppParts): Express {
  const { context } = parts;
  const app = express();
  app.disable('x-powered-by');
  // upgrade-insecure-requests only where the board is https: on a plain-http board (a LAN host
  // in development) browsers would move the pages' own stylesheet and form posts to an https
  // port that isn't there (W3C Upgrade Insecure Requests; Chromium exempts only loopback).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: parts.secure ? [] : null },
      },
    }),
  );
  app.use(healthRouter({ readiness: parts.readiness }));
  const document = openApiDocument(parts.publicUrl);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  const published = context.openid4vp?.identity.didDocument;
  if (published) {
    // did:web §3.2: the board's DID document, read afresh so it always lists its keys.
    app.get(published.path, async (_req, res) => {
      res.type('application/did+json').json(await published.read());
    });
  }
  if (context.openid4vp) app.use('/oid4vp', openid4vpRouter(context, context.openid4vp));
  app.use(parts.pages);
  app.use(jsonBody('256kb'));
  app.use('/api/employers', employersRouter(context));
  app.use('/api/postings', postingsRouter(context));
  app.use('/api/postings', applicationsRouter(context));
  app.use('/api/postings', tasksRouter(context));
  app.use(notFoundHandler);
  app.use(createErrorHandler({ log: context.log, sendErrorPage: parts.sendErrorPage }));
  return app;
}
