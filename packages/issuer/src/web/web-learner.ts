import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { createSealer, type Sealer } from '@skillproof/core';
import { readCookie, setCookie } from '@skillproof/server/web';
import type { Request, Response } from 'express';
import { randomToken } from '../domain/random-token.js';
import type { IssuerWebContext } from './web-context.js';

/** The name of the anonymous web learner's cookie. */
export const webLearnerCookieName = 'skillproof_learner';

/** A year: a learner comes back for a retry after a cooldown, or for another badge. */
const webLearnerCookieSeconds = 365 * 24 * 60 * 60;

/** An anonymous learner of the web pages, known by the random token in their cookie. */
export interface WebLearner {
  /**
   * The learner's identity in the attempts table: `urn:skillproof:web-learner:` and the
   * SHA-256 of the cookie's token, so the database holds nothing a browser could present.
   */
  did: string;
  /** The token every form of this learner carries: an HMAC of the cookie's token. */
  csrfToken: string;
  /**
   * Seals and opens the learner's credential offers at rest, under a key derived from the
   * cookie's token (HKDF-SHA256 with its own label), which only the browser holds.
   */
  offerSealer: Sealer;
}

/** The key of a learner's offer sealer: the cookie's token is 256 random bits, so HKDF suffices. */
function offerKeyOf(token: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', token, new Uint8Array(0), 'skillproof issuer web offer v1', 32),
  );
}

function learnerOf(web: IssuerWebContext, token: string): WebLearner {
  const digest = createHash('sha256').update(token).digest('base64url');
  return {
    did: `urn:skillproof:web-learner:${digest}`,
    csrfToken: createHmac('sha256', web.csrfKey).update(token).digest('base64url'),
    offerSealer: createSealer(offerKeyOf(token)),
  };
}

/**
 * The web learner of a request, from their cookie (32 random bytes, base64url), or `undefined`
 * without a well-formed one.
 *
 * @example
 * ```ts
 * const learner = webLearnerOf(web, req);
 * ```
 */
export function webLearnerOf(web: IssuerWebContext, req: Request): WebLearner | undefined {
  const token = readCookie(req.headers.cookie, webLearnerCookieName);
  return token !== undefined && /^[A-Za-z0-9_-]{43}$/.test(token)
    ? learnerOf(web, token)
    : undefined;
}

/**
 * The request's web learner, or a new one whose cookie (HttpOnly, SameSite=Lax, Secure on an
 * https issuer) is set on `res`: what a page with forms needs, so that its forms carry a CSRF
 * token bound to the cookie.
 *
 * @example
 * ```ts
 * const learner = ensureWebLearner(web, req, res);
 * ```
 */
export function ensureWebLearner(web: IssuerWebContext, req: Request, res: Response): WebLearner {
  const known = webLearnerOf(web, req);
  if (known) return known;
  const token = randomToken();
  res.append(
    'Set-Cookie',
    setCookie(webLearnerCookieName, token, {
      basePath: web.basePath,
      secure: web.secure,
      maxAgeSeconds: webLearnerCookieSeconds,
    }),
  );
  return learnerOf(web, token);
}
