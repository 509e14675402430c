// An error page's heading, by the status the error maps to (core's one table decides that).
const headings: Record<number, string> = {
  400: 'That did not work',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Not any more',
  413: 'Too much',
  429: 'Slow down',
  500: 'Something went wrong',
};

/**
 * The heading of a web page answering an error with `status`.
 *
 * @example
 * ```ts
 * errorPageHeading(404); // 'Not found'
 * ```
 */
export function errorPageHeading(status: number): string {
  return headings[status] ?? 'That did not work';
}
