import type { Badge } from '../catalog/catalog-types.js';
import { achievementUrl } from '../catalog/catalog-urls.js';
import { badgeStanding, type BadgeStanding } from './badge-standing.js';
import { heldBadge } from './held-badge.js';
import type { IssuerContext } from './issuer-context.js';

/**
 * Where a learner stands with a badge now, from the store: their attempts and whether they hold
 * it ({@link heldBadge}, {@link badgeStanding}).
 *
 * @example
 * ```ts
 * const { attemptsLeft, nextAttemptAt } = await currentStanding(ctx, did, badge, ctx.now());
 * ```
 */
export async function currentStanding(
  ctx: Pick<IssuerContext, 'store' | 'baseUrl'>,
  did: string,
  badge: Badge,
  now: Date,
): Promise<BadgeStanding> {
  const held = heldBadge(
    await ctx.store.findAwardedCredential(did, achievementUrl(ctx.baseUrl, badge.id)),
    await ctx.store.listAttempts(did, badge.id),
    now,
  );
  return badgeStanding(badge, held.attempts, held.credential !== undefined, now);
}
