import { setCookie } from '@skillproof/server/web';
import { employerSessionSeconds } from '../domain/employer-session.js';

/** The name of the employer's session cookie. */
export const sessionCookieName = 'skillproof_session';

/** Where the session cookie is valid and whether it travels only over HTTPS. */
export interface SessionCookieOptions {
  /** The board's base path (`''` at the root). */
  basePath: string;
  /** True when the board's public URL is https. */
  secure: boolean;
}

/**
 * The `Set-Cookie` value that opens a session in the browser.
 *
 * @example
 * ```ts
 * res.append('Set-Cookie', sessionCookie(session.token, { basePath: '', secure: true }));
 * ```
 */
export function sessionCookie(token: string, options: SessionCookieOptions): string {
  return setCookie(sessionCookieName, token, {
    ...options,
    maxAgeSeconds: employerSessionSeconds,
  });
}

/**
 * The `Set-Cookie` value that makes the browser forget the session (sign-out).
 *
 * @example
 * ```ts
 * res.append('Set-Cookie', clearedSessionCookie({ basePath: '', secure: true }));
 * ```
 */
export function clearedSessionCookie(options: SessionCookieOptions): string {
  return setCookie(sessionCookieName, '', { ...options, maxAgeSeconds: 0 });
}
