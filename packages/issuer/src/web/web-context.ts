import type { DatabaseRateLimiter as RateLimiter } from '@skillproof/server/database';
import type { ViewRenderer } from '@skillproof/server/web';
import type { Response } from 'express';
import type { IssuerContext } from '../domain/issuer-context.js';
import type { WebCredentialOfferDeps } from '../domain/web-credential-offer.js';

/** What every web page route is handed, besides the issuer's own context. */
export interface IssuerWebContext {
  issuer: IssuerContext;
  render: ViewRenderer;
  /** The issuer's path (`''` at the root): every link and redirect starts with it. */
  basePath: string;
  /** Its origin: what a form post's `Origin` must be. */
  origin: string;
  /** True when the issuer's public URL is https: the learner's cookie is then `Secure`. */
  secure: boolean;
  /** Keys the HMAC that makes a learner's CSRF token from their cookie. */
  csrfKey: Uint8Array;
  /** Starts and submissions, counted per web learner like the API's per DID. */
  attemptLimiter: RateLimiter;
  /**
   * Starts, counted per client address as well: clearing cookies makes a new learner, with
   * fresh retry limits, but not a new address.
   */
  attemptStartLimiter: RateLimiter;
  /** How a passed attempt's credential offer is made and kept. */
  offers: WebCredentialOfferDeps;
}

/**
 * Renders a page with what every page needs (the base path and the issuer's name) and sends it
 * with `status`.
 *
 * @example
 * ```ts
 * sendPage(web, res, 200, 'catalogue.njk', { title: 'Badges', badges });
 * ```
 */
export function sendPage(
  web: IssuerWebContext,
  res: Response,
  status: number,
  template: string,
  context: Record<string, unknown>,
): void {
  res
    .status(status)
    .type('html')
    .send(
      web.render(template, {
        basePath: web.basePath,
        issuerName: web.issuer.profile.name,
        ...context,
      }),
    );
}
