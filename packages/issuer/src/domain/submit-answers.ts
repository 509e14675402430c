import { SkillproofError, type IssuedFormat, type JwtVerifiableCredential } from '@skillproof/core';
import { achievementUrl } from '../catalog/catalog-urls.js';
import { findBadge } from '../catalog/find-badge.js';
import { puzzleInstance } from '../catalog/puzzles/puzzle-instance.js';
import { awardBadge } from './award-badge.js';
import { badgeStanding } from './badge-standing.js';
import { gradeAttempt } from './grade-attempt.js';
import { heldBadge } from './held-badge.js';
import type { IssuerContext } from './issuer-context.js';

/** Input of {@link submitAnswers}. */
export interface SubmitAnswersOptions {
  attemptId: string;
  /** The signed-in learner. */
  did: string;
  /** task id -> choice id (quiz) or the answer's text (puzzle, short answer) */
  answers: Readonly<Record<string, string>>;
  /** The format a pass is awarded in: one the badge offers (`Badge.formats`); `jwt_vc_json` unset. */
  format?: IssuedFormat;
}

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
  const attempt = await ctx.store.findAttempt(options.attemptId);
  if (!attempt) throw new SkillproofError('NOT_FOUND', `no attempt ${options.attemptId}`);
  if (attempt.did !== options.did) {
    throw new SkillproofError('FORBIDDEN', 'this attempt belongs to another learner');
  }
  const badge = findBadge(ctx.catalog, attempt.badge);
  const format = options.format ?? 'jwt_vc_json';
  if (!badge.formats.includes(format)) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `format: ${badge.name} is awarded as ${badge.formats.join(', ')}, not ${format}`,
    );
  }
  if (attempt.gradedAt !== null) {
    throw new SkillproofError('CONFLICT', 'this attempt was graded already; start a new one');
  }
  const now = ctx.now();
  if (attempt.expiresAt <= now.toISOString()) {
    throw new SkillproofError('CONFLICT', 'this attempt has expired; start a new one');
  }
  const puzzleAnswers = Object.fromEntries(
    badge.tasks.flatMap((task) =>
      task.kind === 'puzzle'
        ? [[task.id, puzzleInstance(ctx.puzzleSecret, options.did, badge.id, task).answer]]
        : [],
    ),
  );
  const grade = gradeAttempt(badge, options.answers, puzzleAnswers);
  const award = await awardBadge(ctx, {
    attempt,
    badge,
    grade,
    format,
    answers: options.answers,
  });
  if (award.outcome === 'suspended') {
    throw new SkillproofError(
      'CONFLICT',
      `passed with ${grade.score}%, but your ${badge.name} badge ${award.suspended.id} is suspended: no new one is issued while it is; ask the issuer to reinstate it`,
      { credentialId: award.suspended.id, status: 'suspended' },
    );
  }
  const held = heldBadge(
    await ctx.store.findAwardedCredential(options.did, achievementUrl(ctx.baseUrl, badge.id)),
    await ctx.store.listAttempts(options.did, badge.id),
    now,
  );
  const standing = badgeStanding(badge, held.attempts, held.credential !== undefined, now);
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
        }),
  };
}
