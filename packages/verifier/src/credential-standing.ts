import type { CheckCode } from './check-codes.js';
import type { VerifyCredentialResult } from './verification-result.js';

/**
 * Where a credential stands after verification, from best to worst news for its holder:
 * - `valid`: every check passed;
 * - `unknown`: only its status could not be learnt (a status list that can't be fetched); the
 *   verdict fails closed, but nothing is known against the credential;
 * - `revoked`, `suspended`: its issuer's status list says so;
 * - `expired`: its validity period has ended;
 * - `untrusted`: sound, but its issuer is not one the policy trusts;
 * - `invalid`: anything else (a bad signature, a forged field, a malformed credential).
 */
export type Standing =
  'valid' | 'unknown' | 'revoked' | 'suspended' | 'expired' | 'untrusted' | 'invalid';

/** A credential's {@link Standing} and the failed check that decided it. */
export interface CredentialStanding {
  standing: Standing;
  /** The deciding check's code; absent when `valid`. */
  code?: CheckCode;
  /** The deciding check's message; absent when `valid`. */
  message?: string;
}

// Which failed check decides the standing, first match wins: what the issuer said of the
// credential (revoked, suspended) outweighs its dates, which outweigh whom the policy trusts.
const decidingCodes: ReadonlyArray<readonly [CheckCode, Standing]> = [
  ['STATUS_REVOKED', 'revoked'],
  ['STATUS_SUSPENDED', 'suspended'],
  ['EXPIRED', 'expired'],
  ['ISSUER_UNTRUSTED', 'untrusted'],
];

/**
 * The one mapping from a verification result to a credential's standing, used by the job board
 * (deciding and re-checking applications) and the wallet (a badge's state).
 *
 * @example
 * ```ts
 * credentialStanding(await verifyCredential(jwt, policy)).standing; // 'revoked'
 * ```
 */
export function credentialStanding(result: VerifyCredentialResult): CredentialStanding {
  if (result.verified) return { standing: 'valid' };
  const failed = result.errors.filter((check) => check.code !== undefined);
  for (const [code, standing] of decidingCodes) {
    const check = failed.find((candidate) => candidate.code === code);
    if (check) return decided(standing, check.code, check.message);
  }
  if (failed.length > 0 && failed.every((check) => check.code === 'STATUS_UNAVAILABLE')) {
    return decided('unknown', failed[0]!.code, failed[0]!.message);
  }
  const first = result.errors[0];
  return decided('invalid', first?.code, first?.message);
}

function decided(standing: Standing, code?: CheckCode, message?: string): CredentialStanding {
  return {
    standing,
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
  };
}
