import {
  openBadgesContextV3,
  vcContextV1,
  type IssuerProfile,
  type W3cCredential,
} from '@skillproof/core';
import { badgeAchievement } from '../catalog/badge-achievement.js';
import type { Badge } from '../catalog/catalog-types.js';
import type { BitstringStatusListEntry } from '../status/credential-status-entries.js';
import {
  badgeEvidenceList,
  badgeResults,
  type LoggedDefinition,
  type RenewedCredential,
} from './badge-evidence.js';
import { isoSeconds } from './time.js';

/** How an attempt went, as far as the credential tells it: never the answers. */
export interface BadgeGrade {
  /** Percent of tasks right, an integer 0-100. */
  score: number;
  correct: number;
  total: number;
}

/** Input of {@link buildBadgeCredential}. */
export interface BuildBadgeCredentialOptions {
  /** `urn:uuid:…` */
  id: string;
  issuer: IssuerProfile;
  /** Public base URL of the issuer, no trailing slash. */
  baseUrl: string;
  badge: Badge;
  learnerDid: string;
  grade: BadgeGrade;
  /** Which of the learner's attempts at this badge passed (1, 2, …), when known. */
  attemptNumber?: number;
  /** The transparency log entry of the badge's definition, pointed to in the evidence. */
  definition?: LoggedDefinition;
  /** The badge this one renews (a renewal test's pass), pointed to in the evidence. */
  renews?: RenewedCredential;
  /** The status entries allocated to this credential (see `statusPurposesFor`). */
  credentialStatus: readonly BitstringStatusListEntry[];
  now: Date;
}

/** One day in milliseconds: a badge's validity is counted in days. */
export const dayMs = 24 * 60 * 60 * 1000;

/**
 * The unsigned `OpenBadgeCredential` (Open Badges 3.0 shape, VCDM 1.1) that awards `badge` to
 * `learnerDid`: its `Achievement`, the score as a `Result` described by the achievement's
 * `#score` `ResultDescription`, evidence that summarises the attempt (never the answers), valid
 * from `now` (whole seconds, as the JWT keeps it) for the badge's `validityDays` (`null`: no
 * expiry), and its status list entries.
 *
 * @example
 * ```ts
 * const credential = buildBadgeCredential({ id, issuer, baseUrl, badge, learnerDid,
 *   grade: { score: 90, correct: 9, total: 10 }, credentialStatus, now });
 * ```
 */
export function buildBadgeCredential(options: BuildBadgeCredentialOptions): W3cCredential {
  const { badge, grade, now } = options;
  const achievement = badgeAchievement(badge, options.baseUrl);
  return {
    '@context': [vcContextV1, openBadgesContextV3],
    id: options.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { ...options.issuer },
    issuanceDate: isoSeconds(now),
    ...(badge.validityDays === null
      ? {}
      : { expirationDate: isoSeconds(new Date(now.getTime() + badge.validityDays * dayMs)) }),
    name: badge.name,
    credentialSubject: {
      id: options.learnerDid,
      type: 'AchievementSubject',
      achievement,
      result: badgeResults(achievement.id, grade.score),
    },
    evidence: badgeEvidenceList(badge, grade, options),
    credentialStatus: options.credentialStatus.map((entry) => ({ ...entry })),
  };
}
