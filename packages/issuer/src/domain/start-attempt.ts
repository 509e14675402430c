import { randomUUID } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';
import type { PublicTask } from '../catalog/catalog-types.js';
import { achievementUrl } from '../catalog/catalog-urls.js';
import { findBadge } from '../catalog/find-badge.js';
import { attemptTasks } from './attempt-tasks.js';
import { badgeStanding } from './badge-standing.js';
import { heldBadge } from './held-badge.js';
import type { IssuerContext } from './issuer-context.js';
import { shuffle } from './shuffle.js';
import { renewalRefusal, renewalStanding } from './renewal-standing.js';
import { renewalTestBadge } from './renewal-test.js';
import { isoAfter } from './time.js';

/** How long a learner has to answer an attempt's tasks. */
export const attemptLifetimeMs = 30 * 60 * 1000;

/** A started attempt: the tasks to answer, quiz choices in a fresh order, puzzles with inputs. */
export interface StartedAttempt {
  attemptId: string;
  badge: string;
  tasks: PublicTask[];
  expiresAt: string;
  /** 1 for the learner's first attempt at this badge. */
  attemptNumber: number;
  /** Attempts left after this one. */
  attemptsLeft: number;
  /**
   * Set when this is a renewal test (the learner holds the badge inside its renewal window):
   * the badge a pass renews and when it lapses. A renewal asks fewer tasks (`renewalRule`).
   */
  renewal?: { renews: string; lapsesAt: string };
}

/** Options of {@link startAttempt}. */
export interface StartAttemptOptions {
  /**
   * Ask for the renewal test: refused unless the learner holds the badge inside its renewal
   * window. Without it, an attempt started inside the window is the renewal test all the same.
   */
  renewal?: boolean;
}

/**
 * Starts an attempt at a badge's micro-test for a signed-in learner. Quiz choices are shuffled
 * per attempt (their ids stay the same), so a position learned in one attempt means nothing in
 * the next; each puzzle carries this learner's own input.
 *
 * Inside a held badge's renewal window (its last `renewalWindowDays`) the attempt is the badge's
 * renewal test: `renewalItems` of its graded tasks ({@link renewalTestBadge}); a pass issues a
 * renewed badge (see `awardBadge`). `options.renewal` asks for one and is refused otherwise.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown badge; `CONFLICT` when the learner has used
 * all the badge's attempts (or started another at the same moment); `RATE_LIMITED` (with
 * `details.retryAfterSeconds`) while the cooldown after a failed attempt runs; with
 * `options.renewal`, `RENEWAL_NOT_HELD`, `RENEWAL_NOT_DUE`, `RENEWAL_LAPSED` or
 * `RENEWAL_UNAVAILABLE` (see {@link renewalRefusal}).
 * @example
 * ```ts
 * const { attemptId, tasks } = await startAttempt(ctx, learnerDid, 'git-basics');
 * ```
 */
export async function startAttempt(
  ctx: IssuerContext,
  did: string,
  badgeId: string,
  options: StartAttemptOptions = {},
): Promise<StartedAttempt> {
  const badge = findBadge(ctx.catalog, badgeId);
  const now = ctx.now();
  const history = await ctx.store.listAttempts(did, badge.id);
  const award = await ctx.store.findAwardedCredential(did, achievementUrl(ctx.baseUrl, badge.id));
  const renewal = renewalStanding(badge, award, now);
  if (options.renewal === true && renewal.kind !== 'due') throw renewalRefusal(badge, renewal);
  // After a badge expires, its retry limit and cooldown count from the expiry.
  const held = heldBadge(award, history, now);
  const earned = held.credential !== undefined;
  const standing = badgeStanding(badge, held.attempts, earned, now);
  if (!earned && standing.attemptsLeft === 0) {
    throw new SkillproofError(
      'CONFLICT',
      `no attempts left at ${badge.name}: all ${badge.maxAttempts} have been used`,
    );
  }
  if (standing.nextAttemptAt !== null) {
    const retryAfterSeconds = Math.ceil(
      (Date.parse(standing.nextAttemptAt) - now.getTime()) / 1000,
    );
    throw new SkillproofError(
      'RATE_LIMITED',
      `the next attempt at ${badge.name} can start at ${standing.nextAttemptAt} (in ${retryAfterSeconds} s)`,
      { retryAfterSeconds },
    );
  }

  const attemptId = randomUUID();
  const attemptNumber = history.length + 1;
  const expiresAt = isoAfter(now, attemptLifetimeMs);
  // The store refuses a second attempt with the same number: two concurrent starts can't both
  // slip under the retry limit.
  await ctx.store.saveAttempt({
    id: attemptId,
    did,
    badge: badge.id,
    attemptNumber,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return {
    attemptId,
    badge: badge.id,
    tasks: attemptTasks(
      ctx.puzzleSecret,
      did,
      renewal.kind === 'due' ? renewalTestBadge(badge, attemptId) : badge,
      shuffle,
    ),
    expiresAt,
    attemptNumber,
    attemptsLeft: Math.max(0, standing.attemptsLeft - 1),
    ...(renewal.kind === 'due'
      ? { renewal: { renews: renewal.renews.id, lapsesAt: renewal.lapsesAt } }
      : {}),
  };
}
