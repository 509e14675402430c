import { SkillproofError } from '@skillproof/core';
import { formBody, readCookie } from '@skillproof/server/web';
import express, { Router } from 'express';
import { findEmployerSession } from '../domain/employer-session.js';
import { isApiPath } from '../is-api-path.js';
import { publicDirectory } from './web-directories.js';
import { employerPages } from './routes/employer-pages.js';
import { walletPages } from './routes/wallet-pages.js';
import { publicPages } from './routes/public-pages.js';
import { signInPages } from './routes/sign-in-pages.js';
import { sessionCookieName } from './session-cookie.js';
import type { WebContext } from './web-context.js';

/**
 * The job board's web pages, server-rendered and usable without JavaScript: postings for
 * everyone, sign-in and the employer's pages behind a session cookie. Mounted before the JSON
 * API; forms are read (urlencoded, 64 kB, through the one bounded body reader) only here, and anything under `/api` passes through.
 * Errors go on to the app's one error middleware, which answers them with `sendErrorPage`.
 *
 * @example
 * ```ts
 * app.use(webRouter(web));
 * app.use(jsonBody('256kb'));
 * ```
 */
export function webRouter(web: WebContext): Router {
  const router = Router();
  router.use('/static', express.static(publicDirectory, { index: false, maxAge: '1h' }));
  router.use(async (req, res, next) => {
    if (isApiPath(req.path)) {
      next('router');
      return;
    }
    // helmet's `no-referrer` would make browsers send `Origin: null` on our own form posts
    // (Fetch §3.1 "serializing a request origin"); `same-origin` keeps the Origin check possible
    // and still tells other sites nothing.
    res.setHeader('Referrer-Policy', 'same-origin');
    const token = readCookie(req.headers.cookie, sessionCookieName);
    if (token !== undefined && /^[A-Za-z0-9_-]{43}$/.test(token)) {
      const session = await findEmployerSession(web.jobboard.store, token, web.jobboard.now());
      if (session) res.locals['session'] = session;
    }
    next();
  });
  // Only forms are read here: a JSON or text body posted to a page is refused with 415.
  router.use(...formBody());
  router.use(publicPages(web));
  router.use(walletPages(web));
  router.use(signInPages(web));
  router.use('/employer', employerPages(web));
  router.use((req, _res, next) => {
    next(new SkillproofError('NOT_FOUND', `there is no page ${req.path}`));
  });
  return router;
}
