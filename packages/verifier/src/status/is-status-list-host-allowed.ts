import { didWebUrl } from '../did/did-web-url.js';
import type { ResolvedPolicy } from '../verification-policy.js';

/** The host (`name` or `name:port`, as `URL.host` writes it) of a did:web DID, if it is one. */
function didWebHost(did: string): string | undefined {
  if (!did.startsWith('did:web:')) return undefined;
  const location = didWebUrl(did);
  return location.ok ? new URL(location.url).host : undefined;
}

/**
 * Whether a status list URL's host is one `policy.statusListHosts` names, or the host of a
 * trusted did:web issuer. `undefined` when the policy does not restrict status list hosts
 * (`statusListHosts` unset). Hosts compare as `URL.host` writes them: lower case, the port only
 * when it is not the scheme's default.
 *
 * @example
 * ```ts
 * isStatusListHostAllowed('https://status.example.com/lists/1', {
 *   statusListHosts: ['status.example.com'],
 *   trustedIssuers: [],
 * }); // true
 * ```
 */
export function isStatusListHostAllowed(
  url: string,
  policy: Pick<ResolvedPolicy, 'statusListHosts' | 'trustedIssuers'>,
): boolean | undefined {
  if (policy.statusListHosts === undefined) return undefined;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return false;
  }
  if (policy.statusListHosts.some((entry) => entry.toLowerCase() === host)) return true;
  return (policy.trustedIssuers ?? []).some((issuer) => didWebHost(issuer.did) === host);
}
