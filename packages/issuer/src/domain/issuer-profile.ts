import type { IssuerProfile } from '@skillproof/core';

/**
 * The issuer's Open Badges `Profile`, as `GET /issuer` serves it and every badge embeds it.
 *
 * @example
 * ```ts
 * issuerProfile('did:key:z6Mk…', { name: 'Skillproof Academy', url: 'https://academy.example' });
 * ```
 */
export function issuerProfile(did: string, config: { name: string; url: string }): IssuerProfile {
  return { id: did, type: 'Profile', name: config.name, url: config.url };
}
