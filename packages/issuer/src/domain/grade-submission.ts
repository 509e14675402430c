import { SkillproofError, type IssuedFormat } from '@skillproof/core';
import type { Badge } from '../catalog/catalog-types.js';
import { findBadge } from '../catalog/find-badge.js';
import { puzzleInstance } from '../catalog/puzzles/puzzle-instance.js';
import type { AttemptRecord } from '../ports/issuer-store.js';
import { gradeAttempt, type GradeResult } from './grade-attempt.js';
import { attemptRenewal } from './attempt-renewal.js';
import type { EarnedBadge } from './held-badge.js';
import type { IssuerContext } from './issuer-context.js';
import { renewalTestBadge } from './renewal-test.js';

/** Input of {@link gradeSubmission}. */
export interface SubmitAnswersOptions {
  attemptId: string;
  /** The learner: a signed-in DID, or a web learner's `urn:skillproof:web-learner:…`. */
  did: string;
  /** task id -> choice id (quiz) or the answer's text (puzzle, short answer) */
  answers: Readonly<Record<string, string>>;
  /**
   * The format a pass is to be awarded in: it must be one the badge offers (`Badge.formats`),
   * checked before anything is graded. Unset: `jwt_vc_json` for the API, none for web attempts.
   */
  format?: IssuedFormat;
}

/** An attempt's grade, worked out but not recorded yet. */
export interface GradedSubmission {
  attempt: AttemptRecord;
  badge: Badge;
  grade: GradeResult;
  /** The time it was graded at. */
  now: Date;
  /** For a renewal test, the badge a pass renews (see `attemptRenewal`). */
  renews?: EarnedBadge;
}

/**
 * The learner's own attempt, found by id.
 *
 * @throws SkillproofError `NOT_FOUND` (no such attempt), `FORBIDDEN` (another learner's).
 * @example
 * ```ts
 * const attempt = await learnerAttempt(ctx, attemptId, did);
 * ```
 */
export async function learnerAttempt(
  ctx: Pick<IssuerContext, 'store'>,
  attemptId: string,
  did: string,
): Promise<AttemptRecord> {
  const attempt = await ctx.store.findAttempt(attemptId);
  if (!attempt) throw new SkillproofError('NOT_FOUND', `no attempt ${attemptId}`);
  if (attempt.did !== did) {
    throw new SkillproofError('FORBIDDEN', 'this attempt belongs to another learner');
  }
  return attempt;
}

/**
 * Grades a learner's answers to their attempt, with their own puzzle answers, without recording
 * anything: what the API ({@link submitAnswers}) and the web pages both record afterwards.
 *
 * @throws SkillproofError `NOT_FOUND` (no such attempt), `FORBIDDEN` (another learner's
 * attempt), `CONFLICT` (graded already, or expired), `VALIDATION_FAILED` (a format the badge
 * doesn't offer, or answers that don't fit the test).
 * @example
 * ```ts
 * const { attempt, badge, grade } = await gradeSubmission(ctx, { attemptId, did, answers });
 * ```
 */
export async function gradeSubmission(
  ctx: Pick<IssuerContext, 'store' | 'catalog' | 'puzzleSecret' | 'now' | 'baseUrl'>,
  options: SubmitAnswersOptions,
): Promise<GradedSubmission> {
  const attempt = await learnerAttempt(ctx, options.attemptId, options.did);
  const badge = findBadge(ctx.catalog, attempt.badge);
  const format = options.format;
  if (format !== undefined && !badge.formats.includes(format)) {
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
  // A renewal is graded on the tasks it asked, against the same key and pass rule.
  const renews = await attemptRenewal(ctx, attempt, badge);
  const tested = renews ? renewalTestBadge(badge, attempt.id) : badge;
  const puzzleAnswers = Object.fromEntries(
    tested.tasks.flatMap((task) =>
      task.kind === 'puzzle'
        ? [[task.id, puzzleInstance(ctx.puzzleSecret, options.did, badge.id, task).answer]]
        : [],
    ),
  );
  return {
    attempt,
    badge,
    grade: gradeAttempt(tested, options.answers, puzzleAnswers),
    now,
    ...(renews ? { renews } : {}),
  };
}
