import { SkillproofError, type IssuedFormat, type JwtVerifiableCredential } from '@skillproof/core';
import {
  credentialReceipt,
  type TransparencyReceipt,
} from '../transparency/transparency-receipt.js';
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
  /**
   * On a pass, the learner's badge, signed: a JWT credential in Veramo's normalized form
   * (`jwt_vc_json`), a document with its Data Integrity proof (`ldp_vc`), or an
   * `EnvelopedVerifiableCredential` (`vc+jwt`).
   */
  verifiableCredential?: JwtVerifiableCredential | Record<string, unknown>;
  /** On a pass, the format of `verifiableCredential`. */
  format?: IssuedFormat;
  /**
   * On a pass, `issued` for a badge signed now (in the format asked for), `kept` for the one the
   * learner held already, returned as it was issued, in its own format.
   */
  award?: 'issued' | 'kept';
  /** On a renewal test's pass, the badge the new one renews (it stays valid until its end). */
  renewed?: string;
  /**
   * On a pass, the badge's transparency log receipt (issue 17): its leaf, and the inclusion
   * proof to a signed checkpoint once one covers it (else fetch `url` a moment later).
   */
  transparencyReceipt?: TransparencyReceipt;
}

/**
 * Grades an attempt once and, on a pass, awards the badge ({@link awardBadge}) in `format` (one
 * the badge offers; default `jwt_vc_json`). A learner holds at most one credential per
 * achievement, so passing again returns the one issued before (`award: 'kept'`), in the format
 * it was issued in, whichever `format` is asked, until it expires or is revoked (then a pass
 * earns a new one, in `format`); while it is suspended, a pass is refused as such. The grade,
 * the answers (kept for grading history, never returned or logged) and the credential are
 * committed together before this resolves.
 *
 * @throws SkillproofError `NOT_FOUND` (no such attempt), `FORBIDDEN` (another learner's
 * attempt), `VALIDATION_FAILED` (a format the badge doesn't offer, refused before grading, or
 * answers that don't fit the test), `CONFLICT` (graded already, or expired; or passed while the
 * learner's badge is suspended: the grade is recorded, nothing is issued).
 * @example
 * ```ts
 * const result = await submitAnswers(ctx, { attemptId, did, answers: { q1: 'c', p1: '-135' },
 *   format: 'ldp_vc' });
 * result.format; // 'ldp_vc', or the format of the badge the learner held already
 * ```
 */
export async function submitAnswers(
  ctx: IssuerContext,
  options: SubmitAnswersOptions,
): Promise<SubmitAnswersResult> {
  const format = options.format ?? 'jwt_vc_json';
  const { attempt, badge, grade, now, renews } = await gradeSubmission(ctx, {
    ...options,
    format,
  });
  const award = await awardBadge(ctx, {
    attempt,
    badge,
    grade,
    format,
    answers: options.answers,
    ...(renews ? { renews } : {}),
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
    ...(award.outcome === 'failed'
      ? {}
      : {
          verifiableCredential: award.credential.credential,
          format: award.credential.format,
          award: award.outcome,
          ...(renews && award.outcome === 'issued' ? { renewed: renews.id } : {}),
          ...(await receiptField(ctx, award.credential.id)),
        }),
  };
}

async function receiptField(
  ctx: Pick<IssuerContext, 'transparency' | 'baseUrl'>,
  credentialId: string,
): Promise<{ transparencyReceipt?: TransparencyReceipt }> {
  const receipt = await credentialReceipt(ctx.transparency, ctx.baseUrl, credentialId);
  return receipt ? { transparencyReceipt: receipt } : {};
}
