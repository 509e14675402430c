import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { canonicalJson } from '@skillproof/core';
import { badgeAchievement } from '../catalog/badge-achievement.js';
import type { Catalog } from '../catalog/catalog-types.js';
import type { BadgeDefinitionVersion } from '../ports/transparency-log.js';

/** The grader whose decisions the definitions commit to; bump it when grading changes. */
export const graderVersion = 'skillproof-grader/1';

/**
 * The badge definitions of a catalogue as log entries: for each badge its achievement id, the
 * SHA-256 of its public definition (the achievement as credentials embed it, and the rules of
 * its micro-test), its criteria, and a commitment to its question bank. The bank holds the
 * answers, and a plain hash of a small bank could be reversed by trying every answer: the
 * commitment is an HMAC under a key derived from the issuer's puzzle secret, which the issuer
 * can disclose to an auditor to show which bank was used.
 *
 * @example
 * ```ts
 * await log.logBadgeDefinitions(badgeDefinitionVersions(catalog, baseUrl, puzzleSecret, now), now);
 * ```
 */
export function badgeDefinitionVersions(
  catalog: Catalog,
  baseUrl: string,
  puzzleSecret: Uint8Array,
  now: string,
): BadgeDefinitionVersion[] {
  const commitmentKey = Buffer.from(
    hkdfSync('sha256', puzzleSecret, new Uint8Array(0), 'skillproof log question bank', 32),
  );
  return catalog.badges.map((badge) => {
    const achievement = badgeAchievement(badge, baseUrl);
    const definition = {
      achievement,
      passRule: badge.passRule,
      maxAttempts: badge.maxAttempts,
      cooldownSeconds: badge.cooldownSeconds,
      validityDays: badge.validityDays,
      formats: badge.formats,
      graderVersion,
    };
    return {
      badge: achievement.id,
      entry: {
        type: 'badge-definition',
        badge: achievement.id,
        definitionHash: createHash('sha256').update(canonicalJson(definition)).digest('hex'),
        criteria: badge.criteria.narrative,
        questionBankCommitment: createHmac('sha256', commitmentKey)
          .update(canonicalJson(badge.tasks))
          .digest('hex'),
        graderVersion,
        at: now,
      },
    };
  });
}
