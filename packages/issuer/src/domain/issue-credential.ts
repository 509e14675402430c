import { randomUUID } from 'node:crypto';
import {
  SkillproofError,
  type JwtVerifiableCredential,
  type W3cCredential,
} from '@skillproof/core';
import { signCredentialJwt } from '@skillproof/core/agent';
import type { IssuerContext } from './issuer-context.js';
import { isoSeconds } from './time.js';

function achievementIdOf(subject: W3cCredential['credentialSubject']): string | null {
  const achievement = subject['achievement'];
  const id = (achievement as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * VC-API issue: signs any credential whose issuer is this issuer, adding an `urn:uuid:` id and
 * an issuance date of now when they are missing, and stores it.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the issuer is another DID or the dates are
 * out of order; `CONFLICT` when a credential with the given id was issued already.
 * @example
 * ```ts
 * const vc = await issueCredential(ctx, { '@context': [vcContextV1], type: ['VerifiableCredential'],
 *   issuer: ctx.identifier.did, credentialSubject: { id: 'did:key:z6Mk…' } });
 * ```
 */
export async function issueCredential(
  ctx: IssuerContext,
  credential: W3cCredential,
): Promise<JwtVerifiableCredential> {
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  if (issuerId !== ctx.identifier.did) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `credential.issuer: must be this issuer's DID ${ctx.identifier.did}`,
    );
  }
  const now = ctx.now();
  const issuanceDate = credential.issuanceDate ?? isoSeconds(now);
  if (
    credential.expirationDate !== undefined &&
    Date.parse(credential.expirationDate) < Date.parse(issuanceDate)
  ) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'credential.expirationDate: must not be before issuanceDate',
    );
  }
  const id = credential.id ?? `urn:uuid:${randomUUID()}`;
  if (await ctx.store.findCredential(id)) {
    throw new SkillproofError('CONFLICT', `a credential with id ${id} was issued already`);
  }
  const signed = await signCredentialJwt(ctx.agent, ctx.identifier, {
    ...credential,
    id,
    issuanceDate,
  });
  const subjectId = signed.credentialSubject.id;
  await ctx.store.saveCredential({
    id,
    subjectDid: typeof subjectId === 'string' ? subjectId : null,
    achievementId: achievementIdOf(signed.credentialSubject),
    attemptId: null,
    jwt: signed.proof.jwt,
    credential: signed,
    issuedAt: now.toISOString(),
  });
  ctx.log.info('credential issued', { credentialId: id, subject: subjectId ?? null });
  return signed;
}
