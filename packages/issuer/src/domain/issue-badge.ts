import { randomUUID } from 'node:crypto';
import type { Badge } from '../catalog/catalog-types.js';
import { allocateCredentialStatus } from '../status/allocate-credential-status.js';
import type { IssuedCredentialRecord } from '../ports/issuer-store.js';
import { buildBadgeCredential, type BadgeGrade } from './build-badge-credential.js';
import type { IssuerContext } from './issuer-context.js';

/** Input of {@link issueBadge}. */
export interface IssueBadgeOptions {
  badge: Badge;
  learnerDid: string;
  grade: BadgeGrade;
  attemptId: string;
  /** Which of the learner's attempts at this badge it is, for the evidence. */
  attemptNumber?: number;
}

/** What {@link issueBadge} works with: status lists, the signer, the profile, the clock. */
export type IssueBadgeContext = Pick<
  IssuerContext,
  'statusLists' | 'signer' | 'profile' | 'baseUrl' | 'now'
>;

/**
 * Signs the badge credential for a passed attempt (JWT, by the issuer's DID) with fresh
 * revocation and suspension entries. The entries are committed before signing, so an index is
 * never given twice, even across a crash; storing the credential is the caller's job, together
 * with the grade (`store.recordGrade`), before it is shown to anyone.
 *
 * @example
 * ```ts
 * const record = await issueBadge(ctx, { badge, learnerDid, grade, attemptId });
 * await ctx.store.recordGrade({ attemptId, gradedAt, ...grade, credential: record });
 * ```
 */
export async function issueBadge(
  ctx: IssueBadgeContext,
  options: IssueBadgeOptions,
): Promise<IssuedCredentialRecord> {
  const now = ctx.now();
  const id = `urn:uuid:${randomUUID()}`;
  const credentialStatus = await allocateCredentialStatus(ctx, id);
  const unsigned = buildBadgeCredential({
    id,
    issuer: ctx.profile,
    baseUrl: ctx.baseUrl,
    badge: options.badge,
    learnerDid: options.learnerDid,
    grade: options.grade,
    ...(options.attemptNumber === undefined ? {} : { attemptNumber: options.attemptNumber }),
    credentialStatus,
    now,
  });
  const credential = await ctx.signer.sign(unsigned);
  return {
    id,
    subjectDid: options.learnerDid,
    achievementId: (unsigned.credentialSubject['achievement'] as { id: string }).id,
    attemptId: options.attemptId,
    jwt: credential.proof.jwt,
    credential,
    issuedAt: now.toISOString(),
  };
}
