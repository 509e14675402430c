import { credentialStanding, type VerifyCredentialResult } from '@skillproof/verifier';
import type { CurrentStatus, RequirementOutcomeCode } from '../jobboard-types.js';

/** Where a verified credential stands, in the board's own words. */
export interface BoardStanding {
  /** Why it can meet no requirement, as an outcome code; absent when every check passed. */
  failure?: Extract<
    RequirementOutcomeCode,
    'revoked' | 'suspended' | 'expired' | 'untrusted-issuer' | 'invalid'
  >;
  /** What re-checking it shows its employer. */
  currentStatus: CurrentStatus;
  /** The verifier's words for the failed check that decided it. */
  message?: string;
}

/**
 * The verifier's one mapping from a result to a standing (`credentialStanding`), narrowed to the
 * board's vocabulary: a status that could not be learnt fails like any other invalid credential
 * (the verdict fails closed), and on re-checking, anything but revoked, suspended or expired is
 * `unknown`.
 *
 * @example
 * ```ts
 * boardStandingOf(result); // { failure: 'revoked', currentStatus: 'revoked', message: 'the issuer has revoked this credential' }
 * ```
 */
export function boardStandingOf(result: VerifyCredentialResult): BoardStanding {
  const { standing, message } = credentialStanding(result);
  const said = message === undefined ? {} : { message };
  switch (standing) {
    case 'valid':
      return { currentStatus: 'valid' };
    case 'revoked':
    case 'suspended':
    case 'expired':
      return { failure: standing, currentStatus: standing, ...said };
    case 'untrusted':
      return { failure: 'untrusted-issuer', currentStatus: 'unknown', ...said };
    case 'unknown':
    case 'invalid':
      return { failure: 'invalid', currentStatus: 'unknown', ...said };
  }
}
