import type { Badge } from '../catalog/catalog-types.js';
import { achievementUrl } from '../catalog/catalog-urls.js';
import type { AttemptRecord } from '../ports/issuer-store.js';
import type { EarnedBadge } from './held-badge.js';
import type { IssuerContext } from './issuer-context.js';
import { renewalStanding } from './renewal-standing.js';

/**
 * The badge an attempt renews, if it is a renewal: one started while the learner held the badge
 * inside its renewal window (`renewalStanding` at the attempt's start) is its renewal test, and
 * renews the credential they hold (still the current one). `undefined` for a normal attempt.
 * Read from what the store holds, so a renewal needs no column of its own.
 *
 * @example
 * ```ts
 * const renews = await attemptRenewal(ctx, attempt, badge);
 * ```
 */
export async function attemptRenewal(
  ctx: Pick<IssuerContext, 'store' | 'baseUrl'>,
  attempt: Pick<AttemptRecord, 'did' | 'createdAt'>,
  badge: Badge,
): Promise<EarnedBadge | undefined> {
  const award = await ctx.store.findAwardedCredential(
    attempt.did,
    achievementUrl(ctx.baseUrl, badge.id),
  );
  if (award === undefined || Date.parse(award.issuedAt) >= Date.parse(attempt.createdAt)) {
    return undefined;
  }
  const standing = renewalStanding(badge, award, new Date(attempt.createdAt));
  return standing.kind === 'due' ? standing.renews : undefined;
}
