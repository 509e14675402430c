import { fileURLToPath } from 'node:url';
import { SkillproofError } from '@skillproof/core';
import { formBody } from '@skillproof/server/web';
import express, { Router } from 'express';
import { isPagePath } from '../is-page-path.js';
import { learnPages } from './routes/learn-pages.js';
import { logPage } from './routes/log-page.js';
import type { IssuerWebContext } from './web-context.js';

/** The stylesheet, found from this module so that `src` (tests) and `dist` both find it. */
const publicDirectory = fileURLToPath(new URL('../../public/', import.meta.url));

/** Where the pages' templates are (`packages/issuer/views`), likewise. */
export const issuerViewsDirectory = fileURLToPath(new URL('../../views/', import.meta.url));

/**
 * The learners' web pages, server-rendered and usable without JavaScript: the badges, their
 * micro-tests and, on a pass, an OpenID4VCI credential offer as a QR code. Mounted before the
 * JSON API, every other path passes through; forms are read (urlencoded, 64 kB, through the one
 * bounded body reader) only here. Errors go on to the app's one error middleware, which answers
 * page paths with {@link sendErrorPage}.
 *
 * @example
 * ```ts
 * app.use(webRouter(web));
 * app.use(jsonBody('100kb'));
 * ```
 */
export function webRouter(web: IssuerWebContext): Router {
  const router = Router();
  router.use('/static', express.static(publicDirectory, { index: false, maxAge: '1h' }));
  router.use((req, res, next) => {
    if (!isPagePath(req.path)) {
      next('router');
      return;
    }
    // helmet's `no-referrer` would make browsers send `Origin: null` on our own form posts
    // (Fetch §3.1 "serializing a request origin"); `same-origin` keeps the Origin check possible.
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  // Only forms are read here: a JSON or text body posted to a page is refused with 415.
  router.use(...formBody());
  router.use(learnPages(web));
  router.use(logPage(web));
  router.use((req, _res, next) => {
    next(new SkillproofError('NOT_FOUND', `there is no page ${req.path}`));
  });
  return router;
}
