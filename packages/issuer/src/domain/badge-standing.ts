import type { Badge } from '../catalog/catalog-types.js';
import type { AttemptRecord } from '../ports/issuer-store.js';

/** Where a learner stands with one badge: attempts used and left, and when they may try next. */
export interface BadgeStanding {
  /** Attempts started, graded or not. */
  attempts: number;
  /** `maxAttempts - attempts`, never below 0. */
  attemptsLeft: number;
  /** The best score of a graded attempt, if any. */
  bestScore: number | null;
  /**
   * While a cooldown runs, when it ends; otherwise `null` (an attempt may start now, or never
   * again when no attempts are left).
   */
  nextAttemptAt: string | null;
}

/**
 * A learner's standing with `badge`, from their attempts at it (any order) and whether they
 * hold it. The rules: a learner may start `maxAttempts` attempts; after an attempt that did not
 * pass they wait `cooldownSeconds`, counted from its grading, or from its start if it was never
 * graded (so that abandoning an attempt doesn't skip the wait). A learner who holds the badge is
 * never held back: trying again changes nothing, since a pass returns the same credential.
 *
 * @example
 * ```ts
 * badgeStanding(badge, attempts, false, now); // { attempts: 2, attemptsLeft: 3, bestScore: 60, nextAttemptAt: '…' }
 * ```
 */
export function badgeStanding(
  badge: Badge,
  attempts: readonly AttemptRecord[],
  earned: boolean,
  now: Date,
): BadgeStanding {
  const attemptsLeft = Math.max(0, badge.maxAttempts - attempts.length);
  const scores = attempts.flatMap((attempt) => (attempt.score === null ? [] : [attempt.score]));
  const bestScore = scores.length === 0 ? null : Math.max(...scores);
  let nextAttemptAt: string | null = null;
  const last = attempts.reduce<AttemptRecord | undefined>(
    (latest, attempt) =>
      latest === undefined || attempt.attemptNumber > latest.attemptNumber ? attempt : latest,
    undefined,
  );
  if (!earned && attemptsLeft > 0 && last !== undefined && last.passed !== true) {
    const endedAt = Date.parse(last.gradedAt ?? last.createdAt);
    const cooldownEnds = endedAt + badge.cooldownSeconds * 1000;
    if (cooldownEnds > now.getTime()) nextAttemptAt = new Date(cooldownEnds).toISOString();
  }
  return { attempts: attempts.length, attemptsLeft, bestScore, nextAttemptAt };
}
