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
 * The value of a cookie in a `Cookie` header, or `undefined`.
 *
 * @example
 * ```ts
 * readCookie('a=1; skillproof_session=abc', 'skillproof_session'); // 'abc'
 * ```
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

function attributes(options: SessionCookieOptions, maxAgeSeconds: number): string {
  // HttpOnly: no script reads it. SameSite=Lax: a cross-site POST doesn't carry it (the CSRF
  // token and the Origin check are the other two locks). Secure whenever the board is https.
  return [
    `Path=${options.basePath === '' ? '/' : options.basePath}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
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
  return `${sessionCookieName}=${token}; ${attributes(options, employerSessionSeconds)}`;
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
  return `${sessionCookieName}=; ${attributes(options, 0)}`;
}
