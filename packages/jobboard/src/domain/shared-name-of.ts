import { isJsonObject } from '@skillproof/core';
import type { VerifyCredentialResult } from '@skillproof/verifier';

/**
 * The name an applicant chose to share, if a credential they presented carries it in the open:
 * an Open Badges 3.0 `credentialSubject.identifier` whose `identityType` is `name` and which is
 * not `hashed`. Only a credential that verified counts (its issuer vouches for the name, and
 * its subject is the applicant); at most 100 characters.
 *
 * @example
 * ```ts
 * sharedNameOf(result.credentials); // 'Ada Lovelace', or undefined
 * ```
 */
export function sharedNameOf(
  credentials: readonly Pick<VerifyCredentialResult, 'verified' | 'credential'>[],
): string | undefined {
  for (const { verified, credential } of credentials) {
    if (!verified || !credential) continue;
    const identifiers = credential.credentialSubject['identifier'];
    for (const identifier of Array.isArray(identifiers) ? identifiers : []) {
      if (
        isJsonObject(identifier) &&
        identifier['identityType'] === 'name' &&
        identifier['hashed'] === false &&
        typeof identifier['identityHash'] === 'string' &&
        identifier['identityHash'].trim() !== ''
      ) {
        const name = identifier['identityHash'].trim();
        return name.length > 100 ? `${name.slice(0, 99)}…` : name;
      }
    }
  }
  return undefined;
}
