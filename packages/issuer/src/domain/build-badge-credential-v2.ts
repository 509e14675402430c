import { openBadgesContextV3, vcContextV2 } from '@skillproof/core';
import { badgeAchievement } from '../catalog/badge-achievement.js';
import {
  credentialStatusValue,
  type BitstringStatusListEntry,
} from '../status/credential-status-entries.js';
import { badgeEvidenceList, badgeResults, type BadgeEvidence } from './badge-evidence.js';
import { dayMs, type BuildBadgeCredentialOptions } from './build-badge-credential.js';
import { isoSeconds } from './time.js';

/** An unsigned `OpenBadgeCredential` on VCDM 2.0, as {@link buildBadgeCredentialV2} builds it. */
export interface OpenBadgeCredentialV2 {
  '@context': [typeof vcContextV2, typeof openBadgesContextV3];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    achievement: Record<string, unknown> & { id: string; type: ['Achievement'] };
    result: Array<{ type: ['Result']; resultDescription: string; value: string }>;
  };
  evidence: BadgeEvidence[];
  credentialStatus?: BitstringStatusListEntry | BitstringStatusListEntry[];
  [name: string]: unknown;
}

/**
 * The unsigned `OpenBadgeCredential` that awards `badge` to `learnerDid`, the badge of
 * {@link buildBadgeCredential} on the VC Data Model 2.0 for `ldp_vc` and `vc+jwt`: contexts
 * VCDM 2.0 then Open Badges 3.0.3, `validFrom`/`validUntil` (VCDM 2.0 §4.9) instead of
 * `issuanceDate`/`expirationDate`, and every `type` an array as the OB 3.0 JSON schema wants
 * (`Profile`, `AchievementSubject`, `Achievement`).
 *
 * One status entry is written as an object: OB 3.0 allows `credentialStatus` 0..1 (OB 3.0
 * §B.1.3 AchievementCredential) where VCDM 2.0 §4.10 allows several; more than one stay an array.
 *
 * @example
 * ```ts
 * const credential = buildBadgeCredentialV2({ id, issuer, baseUrl, badge, learnerDid,
 *   grade: { score: 90, correct: 9, total: 10 }, credentialStatus, now });
 * credential.validFrom; // '2030-02-28T12:34:56.000Z'
 * ```
 */
export function buildBadgeCredentialV2(
  options: BuildBadgeCredentialOptions,
): OpenBadgeCredentialV2 {
  const { badge, grade, now } = options;
  const achievement = {
    ...badgeAchievement(badge, options.baseUrl),
    type: ['Achievement'] as ['Achievement'],
  };
  const credentialStatus = credentialStatusValue(options.credentialStatus);
  return {
    '@context': [vcContextV2, openBadgesContextV3],
    id: options.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: badge.name,
    issuer: {
      id: options.issuer.id,
      type: ['Profile'],
      name: options.issuer.name,
      url: options.issuer.url,
    },
    validFrom: isoSeconds(now),
    ...(badge.validityDays === null
      ? {}
      : { validUntil: isoSeconds(new Date(now.getTime() + badge.validityDays * dayMs)) }),
    credentialSubject: {
      id: options.learnerDid,
      type: ['AchievementSubject'],
      achievement,
      result: badgeResults(achievement.id, grade.score),
    },
    evidence: badgeEvidenceList(badge, grade, options),
    ...(credentialStatus === undefined ? {} : { credentialStatus }),
  };
}
