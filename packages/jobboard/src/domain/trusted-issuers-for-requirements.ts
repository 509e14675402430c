import type { TrustedIssuer } from '@skillproof/verifier';
import type { RequirementClause } from '../jobboard-types.js';

/**
 * The verifier's trust list for a posting: each accepted issuer, trusted only for the
 * achievements its clauses name (merged per DID), so an issuer accepted for one requirement
 * can't vouch for another. An issuer a skill clause accepts is trusted for any achievement,
 * since a skill is met by whatever badge is aligned to it; `evaluateRequirements` still checks
 * each clause's own accepted issuers.
 *
 * @example
 * ```ts
 * trustedIssuersForRequirements([{ id: 'r1', type: 'badge', achievementId: a, acceptedIssuers: [did] }]);
 * // [{ did, achievements: [a] }]
 * ```
 */
export function trustedIssuersForRequirements(
  requirements: readonly RequirementClause[],
): TrustedIssuer[] {
  const achievementsByDid = new Map<string, string[] | 'any'>();
  for (const requirement of requirements) {
    const achievementIds =
      requirement.type === 'badge'
        ? [requirement.achievementId]
        : requirement.type === 'any-of'
          ? requirement.achievementIds
          : undefined;
    for (const did of requirement.acceptedIssuers) {
      const known = achievementsByDid.get(did) ?? [];
      if (known === 'any' || achievementIds === undefined) {
        achievementsByDid.set(did, 'any');
        continue;
      }
      for (const id of achievementIds) if (!known.includes(id)) known.push(id);
      achievementsByDid.set(did, known);
    }
  }
  return [...achievementsByDid].map(([did, achievements]) =>
    achievements === 'any' ? { did } : { did, achievements },
  );
}
