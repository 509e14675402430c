import {
  openBadgesContextV3,
  vcContextV1,
  type IssuerProfile,
  type W3cCredential,
} from '@skillproof/core';
import { badgeAchievement } from '../catalog/badge-achievement.js';
import type { Badge } from '../catalog/catalog-types.js';
import type { GradeResult } from './grade-attempt.js';
import { isoSeconds } from './time.js';

/** Input of {@link buildBadgeCredential}. */
export interface BuildBadgeCredentialOptions {
  /** `urn:uuid:…` */
  id: string;
  issuer: IssuerProfile;
  /** Public base URL of the issuer, no trailing slash. */
  baseUrl: string;
  badge: Badge;
  learnerDid: string;
  grade: Pick<GradeResult, 'score' | 'correct' | 'total'>;
  now: Date;
}

/** Default lifetime of a badge. */
export const defaultBadgeValidityYears = 2;

/**
 * The unsigned `OpenBadgeCredential` (Open Badges 3.0 shape, VCDM 1.1) that awards `badge` to
 * `learnerDid`, valid from `now` (whole seconds, as the JWT keeps it) for the badge's validity.
 *
 * @example
 * ```ts
 * const credential = buildBadgeCredential({ id, issuer, baseUrl, badge, learnerDid, grade, now });
 * ```
 */
export function buildBadgeCredential(options: BuildBadgeCredentialOptions): W3cCredential {
  const { badge, grade, now } = options;
  const expires = new Date(now.getTime());
  expires.setUTCFullYear(
    expires.getUTCFullYear() + (badge.validityYears ?? defaultBadgeValidityYears),
  );
  return {
    '@context': [vcContextV1, openBadgesContextV3],
    id: options.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { ...options.issuer },
    issuanceDate: isoSeconds(now),
    expirationDate: isoSeconds(expires),
    name: badge.name,
    credentialSubject: {
      id: options.learnerDid,
      type: 'AchievementSubject',
      achievement: badgeAchievement(badge, options.baseUrl),
      result: [{ type: ['Result'], value: String(grade.score) }],
    },
    evidence: [
      {
        type: ['Evidence'],
        name: 'Micro-test attempt',
        description: `Passed ${grade.correct} of ${grade.total} questions`,
      },
    ],
  };
}
