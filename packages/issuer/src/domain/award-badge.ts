import { randomUUID } from 'node:crypto';
import type { Badge } from '../catalog/catalog-types.js';
import { achievementUrl } from '../catalog/catalog-urls.js';
import type {
  AttemptRecord,
  AwardDecision,
  AwardRecord,
  IssuedCredentialRecord,
} from '../ports/issuer-store.js';
import { credentialStatusEntries } from '../status/credential-status-entries.js';
import { awardStanding } from './award-standing.js';
import { buildBadgeCredential } from './build-badge-credential.js';
import { completeJwtCredential } from './complete-credential.js';
import type { GradeResult } from './grade-attempt.js';
import type { IssuerContext } from './issuer-context.js';

/** Input of {@link awardBadge}. */
export interface AwardBadgeOptions {
  /** The attempt graded, not graded before. */
  attempt: Pick<AttemptRecord, 'id' | 'did' | 'attemptNumber'>;
  badge: Badge;
  grade: GradeResult;
  /** The answers submitted, kept for grading history: never returned or logged. */
  answers?: Readonly<Record<string, string>>;
}

/**
 * What an attempt earned: nothing (`failed`), a new badge (`issued`), the one the learner holds
 * (`kept`), or nothing because the learner's badge is suspended (`suspended`, naming it).
 */
export type AwardBadgeResult =
  | { outcome: 'failed' }
  | { outcome: 'issued' | 'kept'; credential: IssuedCredentialRecord }
  | { outcome: 'suspended'; suspended: AwardRecord };

/** What {@link awardBadge} works with. */
export type AwardBadgeContext = Pick<
  IssuerContext,
  'store' | 'signer' | 'profile' | 'baseUrl' | 'now' | 'log'
>;

/**
 * Records an attempt's grade and, for a pass, awards the badge. Whether the learner already
 * holds it is decided once, by {@link awardStanding}, inside the store's transaction that
 * records the grade: a badge held is kept, a suspended one is withheld, and otherwise (none yet,
 * expired, revoked) the same transaction allocates status entries and reserves a new credential,
 * which is signed only then. So the grade and the credential are committed together (a crash
 * before the signature leaves it pending, signed at the next start), and no status index is
 * spent on a credential that is thrown away.
 *
 * @throws SkillproofError `CONFLICT` when the attempt was graded already.
 * @example
 * ```ts
 * const award = await awardBadge(ctx, { attempt, badge, grade, answers });
 * if (award.outcome === 'issued') send(award.credential.credential);
 * ```
 */
export async function awardBadge(
  ctx: AwardBadgeContext,
  options: AwardBadgeOptions,
): Promise<AwardBadgeResult> {
  const { attempt, badge, grade } = options;
  const now = ctx.now();
  const gradedAt = now.toISOString();
  const achievementId = achievementUrl(ctx.baseUrl, badge.id);
  const recorded = await ctx.store.recordGrade(
    {
      attemptId: attempt.id,
      gradedAt,
      score: grade.score,
      correct: grade.correct,
      total: grade.total,
      passed: grade.passed,
      ...(options.answers === undefined ? {} : { answers: options.answers }),
    },
    grade.passed
      ? {
          subjectDid: attempt.did,
          achievementId,
          decide(current): AwardDecision {
            const standing = current && awardStanding(current, now);
            if (standing === 'held') return { kind: 'keep' };
            if (standing === 'suspended') return { kind: 'withhold' };
            const id = `urn:uuid:${randomUUID()}`;
            return {
              kind: 'issue',
              credential: {
                id,
                subjectDid: attempt.did,
                achievementId,
                issuedAt: gradedAt,
                build: (allocations) =>
                  buildBadgeCredential({
                    id,
                    issuer: ctx.profile,
                    baseUrl: ctx.baseUrl,
                    badge,
                    learnerDid: attempt.did,
                    grade,
                    attemptNumber: attempt.attemptNumber,
                    credentialStatus: credentialStatusEntries(ctx.baseUrl, allocations),
                    now,
                  }),
              },
            };
          },
        }
      : undefined,
  );
  if (recorded.decision === 'withhold' && recorded.current) {
    return { outcome: 'suspended', suspended: recorded.current };
  }
  if (!recorded.awarded) return { outcome: 'failed' };
  const credential = await completeJwtCredential(ctx, recorded.awarded);
  if (recorded.decision === 'issue') {
    ctx.log.info('badge issued', {
      credentialId: credential.id,
      badge: badge.id,
      subject: attempt.did,
    });
    return { outcome: 'issued', credential };
  }
  return { outcome: 'kept', credential };
}
