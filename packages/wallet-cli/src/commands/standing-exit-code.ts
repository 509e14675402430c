import type { Standing } from '@skillproof/verifier';
import { exitCodes } from '../usage-error.js';
import type { CredentialStatusRecord } from '../wallet/wallet-store.js';

/**
 * The exit code for the standings a command found: 3 (`notValid`) when any badge is revoked,
 * suspended, expired, untrusted or invalid, whatever else was found, since checking again won't
 * change that; else 4 (`statusUnknown`) when any could not be checked; else 0.
 *
 * @example
 * ```ts
 * exitCodeForStandings(['valid', 'unknown']); // 4
 * exitCodeForStandings(['unknown', 'revoked']); // 3
 * ```
 */
export function exitCodeForStandings(
  standings: Iterable<Standing | CredentialStatusRecord['state']>,
): number {
  let code: number = exitCodes.ok;
  for (const standing of standings) {
    if (standing === 'valid') continue;
    if (standing !== 'unknown') return exitCodes.notValid;
    code = exitCodes.statusUnknown;
  }
  return code;
}
