/**
 * True for a path of the web pages (`/`, `/learn` and below, `/log` (the transparency log's page,
 * not the `/log/…` resources), `/static/…`): their errors
 * are answered with an HTML page, every other path's with the API's JSON.
 *
 * @example
 * ```ts
 * isPagePath('/learn/attempts/1'); // true
 * isPagePath('/attempts'); // false
 * ```
 */
export function isPagePath(path: string): boolean {
  return (
    path === '/' ||
    path === '/learn' ||
    path.startsWith('/learn/') ||
    path === '/log' ||
    path.startsWith('/static/')
  );
}
