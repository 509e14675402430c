import { SkillproofError, type JwtVerifiableCredential } from '@skillproof/core';
import { awardBadge } from './award-badge.js';
import { currentStanding } from './current-standing.js';
import { gradeSubmission, type SubmitAnswersOptions } from './grade-submission.js';
import type { IssuerContext } from './issuer-context.js';

/** The grade of an attempt and, on a pass, the learner's badge. */
export interface SubmitAnswersResult {
  attemptId: string;
  badge: string;
  passed: boolean;
  score: number;
  correct: number;
  total: number;
  attemptsLeft: number;
  /** When the cooldown after this attempt ends, or `null` when there is none to wait for. */
  nextAttemptAt: string | null;
  verifiableCredential?: JwtVerifiableCredential;
}

/**
 * Grades an attempt once and, on a pass, awards the badge ({@link awardBadge}): a learner holds
 * at most one credential per achievement, so passing again returns the one issued before, until
 * it expires or is revoked (then a pass earns a new one); while it is suspended, a pass is
 * refused as such. The grade, the answers (kept for grading history, never returned or logged)
 * and the credential are committed together before this resolves.
 *
 * @throws SkillproofError `NOT_FOUND` (no such attempt), `FORBIDDEN` (another learner's
 * attempt), `CONFLICT` (graded already, or expired; or passed while the learner's badge is
 * suspended: the grade is recorded, nothing is issued), `VALIDATION_FAILED` (answers that don't
 * fit the test).
 * @example
 * ```ts
 * const result = await submitAnswers(ctx, { attemptId, did, answers: { q1: 'c', p1: '-135' } });
 * ```
 */
export async function submitAnswers(
  ctx: IssuerContext,
  options: SubmitAnswersOptions,
): Promise<SubmitAnswersResult> {
  const { attempt, badge, grade, now } = await gradeSubmission(ctx, options);
  const award = await awardBadge(ctx, {
    attempt,
    badge,
    grade,
    answers: options.answers,
  });
  if (award.outcome === 'suspended') {
    throw new SkillproofError(
      'CONFLICT',
      `passed with ${grade.score}%, but your ${badge.name} badge ${award.suspended.id} is suspended: no new one is issued while it is; ask the issuer to reinstate it`,
      { credentialId: award.suspended.id, status: 'suspended' },
    );
  }
  const standing = await currentStanding(ctx, options.did, badge, now);
  return {
    attemptId: attempt.id,
    badge: badge.id,
    passed: grade.passed,
    score: grade.score,
    correct: grade.correct,
    total: grade.total,
    attemptsLeft: standing.attemptsLeft,
    nextAttemptAt: standing.nextAttemptAt,
    ...(award.outcome === 'failed' ? {} : { verifiableCredential: award.credential.credential }),
  };
}
