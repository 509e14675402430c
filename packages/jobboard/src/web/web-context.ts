import type { ViewRenderer } from '@skillproof/server/web';
import type { Response } from 'express';
import type { EmployerSession } from '../domain/employer-session.js';
import type { JobboardContext, RateLimiter } from '../jobboard-context.js';
import type { IssuerCatalogs } from './issuer-catalogs.js';
import type { SessionCookieOptions } from './session-cookie.js';

/** What every web page route is handed, besides the job board's own context. */
export interface WebContext {
  jobboard: JobboardContext;
  render: ViewRenderer;
  catalogs: IssuerCatalogs;
  /** The board's public URL without a trailing slash: what posting URLs and QR codes carry. */
  baseUrl: string;
  /** Its path (`''` at the root): every link and redirect starts with it. */
  basePath: string;
  /** Its origin: what a form post's `Origin` must be. */
  origin: string;
  cookie: SessionCookieOptions;
  /** Count sign-in attempts per client address (offices share one) and per email. */
  signInLimiters: { byAddress: RateLimiter; byEmail: RateLimiter };
  /** scrypt cost of password hashes (see `hashPassword`). */
  passwordLogN?: number;
}

/**
 * The signed-in employer's session of this request, if any (set by the web router).
 *
 * @example
 * ```ts
 * const ownPosting = sessionOf(res)?.employer.id === posting.employerId;
 * ```
 */
export function sessionOf(res: Response): EmployerSession | undefined {
  return (res.locals as { session?: EmployerSession }).session;
}

/**
 * Renders a page with what every page needs (the base path, the signed-in employer and the
 * sign-out form's CSRF token) and sends it with `status`.
 *
 * @example
 * ```ts
 * sendPage(web, res, 200, 'postings.njk', { title: 'Jobs', postings });
 * ```
 */
export function sendPage(
  web: WebContext,
  res: Response,
  status: number,
  template: string,
  context: Record<string, unknown>,
): void {
  const session = sessionOf(res);
  res
    .status(status)
    .type('html')
    .send(
      web.render(template, {
        basePath: web.basePath,
        employer: session?.employer,
        csrfToken: session?.csrfToken,
        ...context,
      }),
    );
}
