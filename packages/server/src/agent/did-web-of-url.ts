import { SkillproofError } from '@skillproof/core';
import { isIP } from 'node:net';

/**
 * The did:web DID a service at `baseUrl` is (did:web §3.1): the host, its port percent-encoded
 * (`localhost%3A4100`), then each path segment; and the path its DID document is served at
 * (`/.well-known/did.json`, or `/<path>/did.json`).
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` for an IP address, which did:web forbids.
 * @example
 * ```ts
 * didWebOfUrl('https://academy.example/badges'); // { did: 'did:web:academy.example:badges', documentPath: '/badges/did.json' }
 * ```
 */
export function didWebOfUrl(
  baseUrl: string,
  setting = 'the base URL',
): { did: string; documentPath: string } {
  const url = new URL(baseUrl);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname) !== 0) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `${setting} must name a host, not an IP address, for a did:web DID (did:web forbids IP addresses), got "${baseUrl}"`,
    );
  }
  const host = url.port === '' ? hostname : `${hostname}%3A${url.port}`;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  return {
    did: ['did:web', host, ...segments.map(encodeURIComponent)].join(':'),
    documentPath:
      segments.length === 0 ? '/.well-known/did.json' : `/${segments.join('/')}/did.json`,
  };
}
