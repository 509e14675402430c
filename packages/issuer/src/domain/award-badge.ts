import { randomUUID } from 'node:crypto';
import type { IssuedFormat, W3cCredential } from '@skillproof/core';
import type { Badge } from '../catalog/catalog-types.js';
import { achievementUrl } from '../catalog/catalog-urls.js';
import type {
  AttemptRecord,
  AwardDecision,
  AwardRecord,
  CredentialRecord,
  IssuedCredentialRecord,
  IssuedFieldCredentialRecord,
} from '../ports/issuer-store.js';
import {
  credentialStatusEntries,
  type BitstringStatusListEntry,
} from '../status/credential-status-entries.js';
import { statusPurposesFor } from '../status/status-purposes-for.js';
import { awardDates, awardStanding } from './award-standing.js';
import { credentialValidUntil } from './credential-expired.js';
import { loggedDefinition } from '../transparency/logged-definition.js';
import type { LoggedDefinition, RenewedCredential } from './badge-evidence.js';
import { buildBadgeCredential } from './build-badge-credential.js';
import { buildBadgeCredentialV2 } from './build-badge-credential-v2.js';
import { completeCredential } from './complete-credential.js';
import type { GradeResult } from './grade-attempt.js';
import type { IssuerContext } from './issuer-context.js';

/** Input of {@link awardBadge}. */
export interface AwardBadgeOptions {
  /** The attempt graded, not graded before. */
  attempt: Pick<AttemptRecord, 'id' | 'did' | 'attemptNumber'>;
  badge: Badge;
  grade: GradeResult;
  /**
   * The format a new badge is signed in (one of `badge.formats`: the caller checks). Default
   * `jwt_vc_json`. A badge the learner holds already is kept in the format it was issued in.
   */
  format?: IssuedFormat;
  /** The answers submitted, kept for grading history: never returned or logged. */
  answers?: Readonly<Record<string, string>>;
  /**
   * For a renewal test's pass, the badge it renews: while that one is still the learner's
   * current badge, a new one is issued (not `kept`) that points to it in its evidence.
   */
  renews?: Pick<CredentialRecord, 'id'>;
}

/**
 * What an attempt earned: nothing (`failed`), a new badge (`issued`), the one the learner holds
 * (`kept`, in its own format), or nothing because the learner's badge is suspended
 * (`suspended`, naming it).
 */
export type AwardBadgeResult =
  | { outcome: 'failed' }
  | {
      outcome: 'issued' | 'kept';
      credential: IssuedCredentialRecord | IssuedFieldCredentialRecord;
    }
  | { outcome: 'suspended'; suspended: AwardRecord };

/** What {@link awardBadge} works with. */
export type AwardBadgeContext = Pick<
  IssuerContext,
  'store' | 'signer' | 'profile' | 'baseUrl' | 'now' | 'log' | 'transparency'
>;

/**
 * Records an attempt's grade and, for a pass, awards the badge. Whether the learner already
 * holds it is decided once, by {@link awardStanding}, inside the store's transaction that
 * records the grade: a badge held is kept (in the format it was issued in, whatever `format`
 * asks), a suspended one is withheld, and otherwise (none yet, expired, revoked) the same
 * transaction allocates status entries and reserves a new credential in `format`, which is
 * signed only then: `jwt_vc_json` is the badge of {@link buildBadgeCredential} (VCDM 1.1, a
 * revocation and a suspension entry), `ldp_vc` and `vc+jwt` that of
 * {@link buildBadgeCredentialV2} (VCDM 2.0, one revocation entry, as Open Badges 3.0 allows).
 * So the grade and the credential are committed together (a crash before the signature leaves
 * it pending, signed at the next start in its format), and no status index is spent on a
 * credential that is thrown away.
 *
 * @throws SkillproofError `CONFLICT` when the attempt was graded already.
 * @example
 * ```ts
 * const award = await awardBadge(ctx, { attempt, badge, grade, format: 'ldp_vc', answers });
 * if (award.outcome === 'issued') send(award.credential.credential);
 * ```
 */
export async function awardBadge(
  ctx: AwardBadgeContext,
  options: AwardBadgeOptions,
): Promise<AwardBadgeResult> {
  const { attempt, badge, grade } = options;
  const format = options.format ?? 'jwt_vc_json';
  const now = ctx.now();
  const gradedAt = now.toISOString();
  const achievementId = achievementUrl(ctx.baseUrl, badge.id);
  const unsignedBadge = (
    id: string,
    credentialStatus: readonly BitstringStatusListEntry[],
    renews: RenewedCredential | undefined,
  ): W3cCredential => {
    const build = format === 'jwt_vc_json' ? buildBadgeCredential : buildBadgeCredentialV2;
    return build({
      id,
      issuer: ctx.profile,
      baseUrl: ctx.baseUrl,
      badge,
      learnerDid: attempt.did,
      grade,
      attemptNumber: attempt.attemptNumber,
      credentialStatus,
      now,
      ...(renews ? { renews } : {}),
      ...definitionOption(loggedDefinition(ctx.transparency, ctx.baseUrl, achievementId)),
    });
  };
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
            // A renewal renews the badge it was taken for, if that is still the current one.
            const renews =
              standing === 'held' && options.renews?.id === current?.id
                ? renewedCredential(current)
                : undefined;
            if (standing === 'held' && !renews) return { kind: 'keep' };
            if (standing === 'suspended') return { kind: 'withhold' };
            const id = `urn:uuid:${randomUUID()}`;
            return {
              kind: 'issue',
              credential: {
                id,
                subjectDid: attempt.did,
                achievementId,
                issuedAt: gradedAt,
                format,
                // Read off the very badge that is built, so the entries always fit it.
                statusPurposes: statusPurposesFor(unsignedBadge(id, [], renews)),
                build: (allocations) =>
                  unsignedBadge(id, credentialStatusEntries(ctx.baseUrl, allocations), renews),
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
  const credential = await completeCredential(ctx, recorded.awarded);
  if (recorded.decision === 'issue') {
    ctx.log.info(options.renews && recorded.current ? 'badge renewed' : 'badge issued', {
      credentialId: credential.id,
      badge: badge.id,
      subject: attempt.did,
      format: credential.format,
      ...(options.renews && recorded.current ? { renews: recorded.current.id } : {}),
    });
    return { outcome: 'issued', credential };
  }
  return { outcome: 'kept', credential };
}

function renewedCredential(current: AwardRecord | undefined): RenewedCredential | undefined {
  const validUntil = current && credentialValidUntil(awardDates(current));
  return current && validUntil !== undefined ? { id: current.id, validUntil } : undefined;
}

function definitionOption(definition: LoggedDefinition | undefined): {
  definition?: LoggedDefinition;
} {
  return definition ? { definition } : {};
}
