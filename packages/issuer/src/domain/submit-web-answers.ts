import type { GradeResult } from './grade-attempt.js';
import { gradeSubmission, type SubmitAnswersOptions } from './grade-submission.js';
import type { IssuerContext } from './issuer-context.js';

/** The grade of a web attempt. */
export interface SubmitWebAnswersResult extends GradeResult {
  attemptId: string;
  badge: string;
}

/**
 * Grades a web learner's attempt once and records the grade (and the answers, for grading
 * history), exactly as {@link submitAnswers} grades; but issues nothing: a web learner has no
 * DID to issue to. A pass is collected by a wallet through a credential offer
 * ({@link webCredentialOffer}), which binds the credential to the key the wallet proves.
 *
 * @throws SkillproofError `NOT_FOUND`, `FORBIDDEN`, `CONFLICT` (graded already or expired),
 * `VALIDATION_FAILED`, as {@link gradeSubmission}.
 * @example
 * ```ts
 * const { passed } = await submitWebAnswers(ctx, { attemptId, did: webLearnerDid, answers });
 * ```
 */
export async function submitWebAnswers(
  ctx: Pick<IssuerContext, 'store' | 'catalog' | 'puzzleSecret' | 'now' | 'baseUrl'>,
  options: SubmitAnswersOptions,
): Promise<SubmitWebAnswersResult> {
  const { attempt, badge, grade, now } = await gradeSubmission(ctx, options);
  // No award request: the store records the grade alone, and refuses a second grading (CONFLICT).
  await ctx.store.recordGrade({
    attemptId: attempt.id,
    gradedAt: now.toISOString(),
    ...grade,
    answers: options.answers,
  });
  return { attemptId: attempt.id, badge: badge.id, ...grade };
}
