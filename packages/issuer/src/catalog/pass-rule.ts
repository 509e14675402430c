import type { PassRule } from '@skillproof/core';
import { z } from 'zod';

/**
 * When a badge is earned (core's wire contract): every task right (`all`), or a score (the
 * percent of tasks right, as {@link scorePercent} rounds it) of at least `minScore`.
 */
export type { PassRule };

/** A pass rule as a catalogue file (and `GET /catalog`) writes it: `minScore` from 1 to 100. */
export const passRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('min-score'), minScore: z.int().min(1).max(100) }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'expected kind "all" or "min-score"' : undefined,
  },
);

/**
 * The score of `correct` tasks right out of `total`: a percent rounded to an integer (0-100),
 * as attempts report it and credentials carry it; 0 for no tasks.
 *
 * @example
 * ```ts
 * scorePercent(2, 3); // 67
 * ```
 */
export function scorePercent(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((correct / total) * 100);
}

/**
 * Whether `correct` tasks right out of `total` earn a badge under `rule`: the one place the
 * pass mark is applied. `min-score` compares the score as reported ({@link scorePercent}), so
 * that a learner shown 80% under a pass mark of 80% has passed.
 *
 * @example
 * ```ts
 * meetsPassRule({ kind: 'min-score', minScore: 75 }, 3, 4); // true
 * meetsPassRule({ kind: 'all' }, 5, 6); // false
 * ```
 */
export function meetsPassRule(rule: PassRule, correct: number, total: number): boolean {
  return rule.kind === 'all' ? correct === total : scorePercent(correct, total) >= rule.minScore;
}

/**
 * A copy of a rule, field by field, for what learners are shown.
 *
 * @example
 * ```ts
 * publicPassRule(badge.passRule); // { kind: 'min-score', minScore: 80 }
 * ```
 */
export function publicPassRule(rule: PassRule): PassRule {
  return rule.kind === 'all' ? { kind: 'all' } : { kind: 'min-score', minScore: rule.minScore };
}
