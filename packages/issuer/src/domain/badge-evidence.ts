import type { Badge } from '../catalog/catalog-types.js';

/** An Open Badges 3.0 `Evidence` (OB 3.0 §B.1.9). */
export interface BadgeEvidence {
  type: ['Evidence'];
  name: string;
  description: string;
  genre: 'Assessment';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The evidence a badge credential carries: a summary of the graded attempt, never the answers.
 *
 * @example
 * ```ts
 * badgeEvidence(badge, { score: 90, correct: 9, total: 10 }, 2).description;
 * // 'Attempt 2 at the micro-test of Git Basics, graded by the issuer: 9 of 10 tasks right, a score of 90%.'
 * ```
 */
export function badgeEvidence(
  badge: Badge,
  grade: { score: number; correct: number; total: number },
  attemptNumber: number | undefined,
): BadgeEvidence {
  const attempt =
    attemptNumber === undefined
      ? `The micro-test of ${badge.name}`
      : `Attempt ${attemptNumber} at the micro-test of ${badge.name}`;
  return {
    type: ['Evidence'],
    name: 'Micro-test result',
    description: `${attempt}, graded by the issuer: ${grade.correct} of ${plural(grade.total, 'task')} right, a score of ${grade.score}%.`,
    genre: 'Assessment',
  };
}

/**
 * The `result` a badge credential carries: its score, described by the achievement's `#score`
 * ResultDescription (contract B: a whole percent as a string).
 *
 * @example
 * ```ts
 * badgeResults('https://academy.example/achievements/git-basics', 90)[0].value; // '90'
 * ```
 */
export function badgeResults(
  achievementId: string,
  score: number,
): Array<{ type: ['Result']; resultDescription: string; value: string }> {
  return [{ type: ['Result'], resultDescription: `${achievementId}#score`, value: String(score) }];
}
