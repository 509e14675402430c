import type { TransparencyLogResolver, VerificationPolicy } from '@skillproof/verifier';
import type { Posting } from '../jobboard-types.js';

/**
 * The verification policy's transparency part for a posting: `requireTransparency` when the
 * posting asks for it (issue 17), with the board's receipt resolver; nothing otherwise.
 *
 * @example
 * ```ts
 * await verifyPresentation(vp, { ...policy, ...transparencyPolicy(posting, context.transparencyLogs) });
 * ```
 */
export function transparencyPolicy(
  posting: Pick<Posting, 'requireTransparency'>,
  transparencyLogs: TransparencyLogResolver | undefined,
): Pick<VerificationPolicy, 'requireTransparency' | 'transparencyLogs'> {
  if (!posting.requireTransparency) return {};
  return { requireTransparency: true, ...(transparencyLogs ? { transparencyLogs } : {}) };
}
