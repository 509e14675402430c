import { randomUUID } from 'node:crypto';
import { signCredentialJwt } from '@skillproof/core/agent';
import type { Badge } from '../catalog/catalog-types.js';
import type { IssuedCredentialRecord } from '../store/issuer-store.js';
import { buildBadgeCredential } from './build-badge-credential.js';
import type { GradeResult } from './grade-attempt.js';
import type { IssuerContext } from './issuer-context.js';

/** Input of {@link issueBadge}. */
export interface IssueBadgeOptions {
  badge: Badge;
  learnerDid: string;
  grade: GradeResult;
  attemptId: string;
}

/**
 * Signs the badge credential for a passed attempt (JWT, by the issuer's DID). Storing it is the
 * caller's job, together with the grade.
 *
 * @example
 * ```ts
 * const record = await issueBadge(ctx, { badge, learnerDid, grade, attemptId });
 * record.credential.proof.jwt;
 * ```
 */
export async function issueBadge(
  ctx: IssuerContext,
  options: IssueBadgeOptions,
): Promise<IssuedCredentialRecord> {
  const now = ctx.now();
  const unsigned = buildBadgeCredential({
    id: `urn:uuid:${randomUUID()}`,
    issuer: ctx.profile,
    baseUrl: ctx.baseUrl,
    badge: options.badge,
    learnerDid: options.learnerDid,
    grade: options.grade,
    now,
  });
  const credential = await signCredentialJwt(ctx.agent, ctx.identifier, unsigned);
  return {
    id: unsigned.id as string,
    subjectDid: options.learnerDid,
    achievementId: (unsigned.credentialSubject['achievement'] as { id: string }).id,
    attemptId: options.attemptId,
    jwt: credential.proof.jwt,
    credential,
    issuedAt: now.toISOString(),
  };
}
