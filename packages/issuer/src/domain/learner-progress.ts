import type { BadgeProgress, LearnerProgress } from '@skillproof/core';
import { achievementUrl } from '../catalog/catalog-urls.js';
import { badgeStanding } from './badge-standing.js';
import { heldBadge } from './held-badge.js';
import type { IssuerContext } from './issuer-context.js';

export type { BadgeProgress, LearnerProgress };

/**
 * A learner's progress on every badge of the catalogue: earned or not, attempts used and left,
 * best score, and when a cooldown ends.
 *
 * @example
 * ```ts
 * const { badges } = await learnerProgress(ctx, learnerDid);
 * ```
 */
export async function learnerProgress(ctx: IssuerContext, did: string): Promise<LearnerProgress> {
  const now = ctx.now();
  const attempts = await ctx.store.listAttempts(did);
  const awards = new Map(
    (await ctx.store.listAwardedCredentials(did)).map((record) => [record.achievementId, record]),
  );
  return {
    learner: did,
    badges: ctx.catalog.badges.map((badge) => {
      const held = heldBadge(
        awards.get(achievementUrl(ctx.baseUrl, badge.id)),
        attempts.filter((attempt) => attempt.badge === badge.id),
        now,
      );
      const credentialId = held.credential?.id ?? null;
      const standing = badgeStanding(badge, held.attempts, credentialId !== null, now);
      return {
        badge: badge.id,
        name: badge.name,
        earned: credentialId !== null,
        credentialId,
        attempts: standing.attempts,
        maxAttempts: badge.maxAttempts,
        attemptsLeft: standing.attemptsLeft,
        bestScore: standing.bestScore,
        nextAttemptAt: standing.nextAttemptAt,
      };
    }),
  };
}
