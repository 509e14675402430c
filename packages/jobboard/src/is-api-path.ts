/**
 * True for a path of the JSON API (`/api` and below): the web pages pass such requests on, and
 * the one error middleware answers their errors as JSON rather than as a page.
 *
 * @example
 * ```ts
 * isApiPath('/api/postings'); // true
 * isApiPath('/apiary'); // false
 * ```
 */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
