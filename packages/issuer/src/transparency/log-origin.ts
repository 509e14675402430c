/**
 * The log's checkpoint origin (C2SP tlog-checkpoint) and note key name: the issuer's public URL
 * without its scheme, then `/log`, as C2SP tlog-tiles recommends for a log served at
 * `<prefix>/log/` (`https://academy.example` -> `academy.example/log`;
 * `http://127.0.0.1:4100/sub` -> `127.0.0.1:4100/sub/log`).
 *
 * @example
 * ```ts
 * logOrigin('https://academy.example'); // 'academy.example/log'
 * ```
 */
export function logOrigin(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}
