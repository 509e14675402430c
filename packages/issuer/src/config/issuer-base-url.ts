/**
 * The issuer's public base URL as every URL it publishes starts: `url` checked to be absolute
 * http(s), with any trailing slash dropped.
 *
 * @throws TypeError when `url` is not an absolute http(s) URL.
 * @example
 * ```ts
 * issuerBaseUrl('https://academy.example/'); // 'https://academy.example'
 * ```
 */
export function issuerBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`config.url must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError('config.url must be an http(s) URL');
  }
  return url.replace(/\/+$/, '');
}
