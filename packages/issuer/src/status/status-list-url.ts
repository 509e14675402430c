/**
 * Where a status list credential is published, `<baseUrl>/status/<listId>`: also its `id`, since
 * a verifier checks that a list's id is the URL it fetched it from (Bitstring Status List §3.2).
 *
 * @example
 * ```ts
 * statusListUrl('https://academy.example', 'revocation-1'); // 'https://academy.example/status/revocation-1'
 * ```
 */
export function statusListUrl(baseUrl: string, listId: string): string {
  return `${baseUrl}/status/${encodeURIComponent(listId)}`;
}
