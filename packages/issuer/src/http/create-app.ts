import type { SkillproofError } from '@skillproof/core';
import type { DatabaseReadiness } from '@skillproof/server/database';
import {
  createErrorHandler,
  healthRouter,
  jsonBody,
  notFoundHandler,
} from '@skillproof/server/http';
import express, { type Express, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { IssuerContext } from '../domain/issuer-context.js';
import { isPagePath } from '../is-page-path.js';
import type { IssuerRateLimiters } from './issuer-rate-limits.js';
import { attemptRoutes } from './routes/attempt-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { badgeImageRoutes } from './routes/badge-image-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { credentialRoutes } from './routes/credential-routes.js';
import { didRoutes } from './routes/did-routes.js';
import { logRoutes } from './routes/log-routes.js';
import { oid4vciRoutes } from './routes/oid4vci-routes.js';
import { openApiRoutes } from './routes/openapi-routes.js';
import { profileRoutes } from './routes/profile-routes.js';
import { progressRoutes } from './routes/progress-routes.js';
import { skillRoutes } from './routes/skill-routes.js';
import { statusRoutes } from './routes/status-routes.js';

/** What {@link createIssuerApp} needs: all of it built by `createIssuer`, the composition root. */
export interface IssuerAppDeps {
  /** What the domain functions the routes call work with. */
  context: IssuerContext;
  /** Counted per client address (sign-in, OpenID4VCI) and per learner (attempts). */
  rateLimiters: IssuerRateLimiters;
  /**
   * Bearer token of the VC-API admin endpoints (`POST /credentials/issue`,
   * `POST /credentials/status`); without one they refuse everyone.
   */
  adminToken?: string | undefined;
  /** The learners' web pages, mounted before the API; they pass every other path on. */
  pages?: Router;
  /** Answers an error on a page path (`isPagePath`) with an HTML page; `status` is the error's. */
  sendErrorPage?: (req: Request, res: Response, error: SkillproofError, status: number) => void;
  /** True when the public URL is https: only then are browsers told to upgrade requests. */
  secure?: boolean;
  /**
   * Whether the issuer's database answers and is migrated, for `/readyz`
   * (`checkIssuerReadiness`). Default: always ready.
   */
  readiness?: () => Promise<DatabaseReadiness>;
}

/**
 * The issuer's HTTP API as an Express app (not listening): catalogue, DID-auth, micro-tests
 * that award Open Badges credentials, status lists and the VC-API, and (given `pages`) the
 * learners' web pages before them. A thin adapter: each route parses its input, calls one
 * domain function and returns JSON.
 *
 * @example
 * ```ts
 * const app = createIssuerApp({ context, rateLimiters, adminToken });
 * ```
 */
export function createIssuerApp(deps: IssuerAppDeps): Express {
  const ctx = deps.context;
  const app = express();
  app.disable('x-powered-by');
  // upgrade-insecure-requests only where the issuer is https: on a plain-http issuer (a LAN host in
  // development) browsers would move the pages' stylesheet and form posts to an https port that
  // isn't there (W3C Upgrade Insecure Requests; Chromium exempts only loopback).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { upgradeInsecureRequests: deps.secure === false ? null : [] },
      },
    }),
  );
  app.use((_req, res, next) => {
    // Tokens, challenges and credentials must not sit in shared caches.
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Liveness and readiness for a load balancer: before the pages, the limits and the sessions.
  app.use(healthRouter({ readiness: deps.readiness ?? (async () => ({ ready: true })) }));
  if (deps.pages) app.use(deps.pages);
  // The OpenID4VCI endpoints read their own bodies (the token endpoint a small form) and answer
  // errors in the OAuth shape: before the JSON body reader and the app's error answer.
  app.use(
    oid4vciRoutes(ctx, {
      token: deps.rateLimiters.oid4vciToken,
      nonce: deps.rateLimiters.oid4vciNonce,
      credential: deps.rateLimiters.oid4vciCredential,
    }),
  );
  app.use(...jsonBody('100kb'));
  app.use(didRoutes(ctx));
  app.use(profileRoutes(ctx));
  app.use(catalogRoutes(ctx));
  app.use(badgeImageRoutes(ctx));
  app.use(skillRoutes(ctx));
  app.use(authRoutes(ctx, deps.rateLimiters.auth));
  app.use(attemptRoutes(ctx, deps.rateLimiters.attempts));
  app.use(progressRoutes(ctx));
  app.use(credentialRoutes(ctx, deps.adminToken || undefined));
  app.use(statusRoutes(ctx));
  app.use(logRoutes(ctx));
  app.use(openApiRoutes(ctx));
  app.use(notFoundHandler);
  const { sendErrorPage } = deps;
  app.use(
    createErrorHandler({
      log: ctx.log,
      ...(sendErrorPage && {
        answerOtherwise: (req, res, error, status) => {
          if (!isPagePath(req.path)) return false;
          sendErrorPage(req, res, error, status);
          return true;
        },
      }),
    }),
  );
  return app;
}
