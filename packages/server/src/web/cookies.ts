/** Where a cookie is valid, for how long, and whether it travels only over HTTPS. */
export interface CookieOptions {
  /** The site's base path (`''` at the root). */
  basePath: string;
  /** True when the site's public URL is https. */
  secure: boolean;
  maxAgeSeconds: number;
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

/**
 * A `Set-Cookie` value for a cookie no script may read (`HttpOnly`) and no cross-site POST
 * carries (`SameSite=Lax`; a form's CSRF token and the Origin check are the other two locks),
 * `Secure` whenever the site is https. `maxAgeSeconds: 0` makes the browser forget it.
 *
 * @example
 * ```ts
 * res.append('Set-Cookie', setCookie('skillproof_session', token, { basePath: '', secure: true, maxAgeSeconds: 3600 }));
 * ```
 */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${options.basePath === '' ? '/' : options.basePath}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
