import { vcContextV2, type W3cCredential } from '@skillproof/core';
import { statusPurposes, type StatusPurpose } from '../ports/status-list-store.js';

// OB 3.0 §B.1.3: the type of an Open Badge, and its alias (AchievementCredential).
const openBadgeTypes = ['OpenBadgeCredential', 'AchievementCredential'];

/**
 * The status purposes a credential gets an entry for, one list each. Open Badges 3.0 allows at
 * most one `credentialStatus` (§B.1.3 AchievementCredential, 0..1; 1EdTech's JSON schema refuses
 * an array), so an Open Badge on VCDM 2.0 gets a revocation entry alone: it can be revoked, not
 * suspended. Every other credential, VCDM 1.1 Open Badges included, gets both.
 *
 * @example
 * ```ts
 * statusPurposesFor({ '@context': [vcContextV2, openBadgesContextV3],
 *   type: ['VerifiableCredential', 'OpenBadgeCredential'] }); // ['revocation']
 * ```
 */
export function statusPurposesFor(
  credential: Pick<W3cCredential, '@context' | 'type'>,
): readonly StatusPurpose[] {
  const openBadge = credential.type.some((type) => openBadgeTypes.includes(type));
  return credential['@context'][0] === vcContextV2 && openBadge ? ['revocation'] : statusPurposes;
}
