import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';
import type { CheckedCredential } from './checked-credential.js';

/** Placeholder until the Data Integrity module lands. */
export function checkDataIntegrityCredential(
  _document: Record<string, unknown>,
  _policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedCredential> {
  log.fail('proof', 'FORMAT_INVALID', 'Data Integrity proofs are not supported yet');
  return Promise.resolve({ format: 'ldp_vc' });
}
