import { SkillproofError, type JwtVerifiableCredential } from '@skillproof/core';
import { achievementUrl } from '../catalog/catalog-urls.js';
import { findBadge } from '../catalog/find-badge.js';
import { puzzleInstance } from '../catalog/puzzles/puzzle-instance.js';
import type { IssuedCredentialRecord } from '../ports/issuer-store.js';
import { badgeStanding } from './badge-standing.js';
import { credentialExpired } from './credential-expired.js';
import { gradeAttempt } from './grade-attempt.js';
import { heldBadge } from './held-badge.js';
import type { IssuerContext } from './issuer-context.js';
import { issueBadge } from './issue-badge.js';

/** Input of {@link submitAnswers}. */
export interface SubmitAnswersOptions {
  attemptId: string;
  /** The signed-in learner. */
  did: string;
  /** task id -> choice id (quiz) or the answer's text (puzzle, short answer) */
  answers: Readonly<Record<string, string>>;
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
  verifiableCredential?: JwtVerifiableCredential;
}

/**
 * Grades an attempt once and, on a pass, awards the badge: a learner holds at most one
 * credential per achievement, so passing again returns the one issued before, until it expires
 * (then a pass earns a new one). The grade, the
 * answers (kept for grading history, never returned or logged) and the credential are committed
 * together before this resolves.
 *
 * @throws SkillproofError `NOT_FOUND` (no such attempt), `FORBIDDEN` (another learner's
 * attempt), `CONFLICT` (graded already, or expired), `VALIDATION_FAILED` (answers that don't
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
  const attempt = await ctx.store.findAttempt(options.attemptId);
  if (!attempt) throw new SkillproofError('NOT_FOUND', `no attempt ${options.attemptId}`);
  if (attempt.did !== options.did) {
    throw new SkillproofError('FORBIDDEN', 'this attempt belongs to another learner');
  }
  if (attempt.gradedAt !== null) {
    throw new SkillproofError('CONFLICT', 'this attempt was graded already; start a new one');
  }
  const now = ctx.now();
  if (attempt.expiresAt <= now.toISOString()) {
    throw new SkillproofError('CONFLICT', 'this attempt has expired; start a new one');
  }
  const badge = findBadge(ctx.catalog, attempt.badge);
  const puzzleAnswers = Object.fromEntries(
    badge.tasks.flatMap((task) =>
      task.kind === 'puzzle'
        ? [[task.id, puzzleInstance(ctx.puzzleSecret, options.did, badge.id, task).answer]]
        : [],
    ),
  );
  const grade = gradeAttempt(badge, options.answers, puzzleAnswers);
  const achievementId = achievementUrl(ctx.baseUrl, badge.id);

  let credential: IssuedCredentialRecord | undefined;
  if (grade.passed) {
    // Skip signing when the learner holds this badge already; recordGrade re-checks atomically.
    const earlier = await ctx.store.findAwardedCredential(options.did, achievementId);
    credential =
      (earlier && !credentialExpired(earlier.credential, now) ? earlier : undefined) ??
      (await issueBadge(ctx, {
        badge,
        learnerDid: options.did,
        grade,
        attemptId: attempt.id,
        attemptNumber: attempt.attemptNumber,
      }));
  }
  const awarded = await ctx.store.recordGrade({
    attemptId: attempt.id,
    gradedAt: now.toISOString(),
    ...grade,
    answers: options.answers,
    ...(credential ? { credential } : {}),
  });
  if (awarded && awarded.attemptId === attempt.id) {
    ctx.log.info('badge issued', {
      credentialId: awarded.id,
      badge: badge.id,
      subject: options.did,
    });
  }
  const held = heldBadge(
    awarded ?? (await ctx.store.findAwardedCredential(options.did, achievementId)),
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
    ...(awarded ? { verifiableCredential: awarded.credential } : {}),
  };
}
