import { credentialStanding, type VerifyCredentialResult } from '@skillproof/verifier';
import type { CurrentStatus } from '../jobboard-types.js';

/** Where a re-checked credential stands now, in the board's own words. */
export interface BoardStanding {
  /** What re-checking it shows its employer. */
  currentStatus: CurrentStatus;
  /** The verifier's words for the failed check that decided it. */
  message?: string;
}

/**
 * The verifier's one mapping from a result to a standing (`credentialStanding`), narrowed to
 * what re-checking shows an employer: anything but valid, revoked, suspended or expired is
 * `unknown`.
 *
 * @example
 * ```ts
 * boardStandingOf(result); // { currentStatus: 'revoked', message: 'the issuer has revoked this credential' }
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
      return { currentStatus: standing, ...said };
    case 'untrusted':
    case 'unknown':
    case 'invalid':
      return { currentStatus: 'unknown', ...said };
  }
}
