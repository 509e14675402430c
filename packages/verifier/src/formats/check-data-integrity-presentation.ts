import type { CheckedPresentation } from '../verify-presentation.js';
import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';

/** Placeholder until the Data Integrity module lands. */
export function checkDataIntegrityPresentation(
  _document: Record<string, unknown>,
  _policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedPresentation> {
  log.fail('proof', 'FORMAT_INVALID', 'Data Integrity proofs are not supported yet');
  return Promise.resolve({});
}
