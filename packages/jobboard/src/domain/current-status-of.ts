import { credentialStanding, type VerifyCredentialResult } from '@skillproof/verifier';
import type { CurrentStatus } from '../jobboard-types.js';

/**
 * What re-checking a credential shows its employer: the verifier's one mapping from a result to
 * a standing (`credentialStanding`), narrowed so that anything but valid, revoked, suspended or
 * expired is `unknown`.
 *
 * @example
 * ```ts
 * currentStatusOf(await verifyCredential(jwt, policy)); // 'revoked'
 * ```
 */
export function currentStatusOf(result: VerifyCredentialResult): CurrentStatus {
  const { standing } = credentialStanding(result);
  switch (standing) {
    case 'valid':
    case 'revoked':
    case 'suspended':
    case 'expired':
      return standing;
    case 'untrusted':
    case 'unknown':
    case 'invalid':
      return 'unknown';
  }
}
