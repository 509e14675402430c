import type { TrustedIssuer } from '@skillproof/verifier';
import type { PostingRequirement } from './jobboard-types.js';

/**
 * The verifier's trust list for a posting: each accepted issuer, trusted only for the
 * achievements it is accepted for (merged per DID), so an issuer accepted for one requirement
 * can't vouch for another.
 *
 * @example
 * ```ts
 * trustedIssuersForRequirements([{ id: 'r1', achievementId: a, acceptedIssuers: [did] }]);
 * // [{ did, achievements: [a] }]
 * ```
 */
export function trustedIssuersForRequirements(
  requirements: readonly PostingRequirement[],
): TrustedIssuer[] {
  const achievementsByDid = new Map<string, string[]>();
  for (const requirement of requirements) {
    for (const did of requirement.acceptedIssuers) {
      const achievements = achievementsByDid.get(did) ?? [];
      if (!achievements.includes(requirement.achievementId)) {
        achievements.push(requirement.achievementId);
      }
      achievementsByDid.set(did, achievements);
    }
  }
  return [...achievementsByDid].map(([did, achievements]) => ({ did, achievements }));
}
