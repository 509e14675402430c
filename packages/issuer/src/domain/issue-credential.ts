import { randomUUID } from 'node:crypto';
import {
  SkillproofError,
  jwtPayloadFromCredential,
  type JwtVerifiableCredential,
  type W3cCredential,
} from '@skillproof/core';
import { credentialStatusEntries } from '../status/credential-status-entries.js';
import { completeCredential } from './complete-credential.js';
import type { IssuerContext } from './issuer-context.js';
import { isoSeconds } from './time.js';

/** What {@link issueCredential} works with: storage, the signer, the clock. */
export type IssueCredentialContext = Pick<
  IssuerContext,
  'store' | 'signer' | 'baseUrl' | 'now' | 'log'
>;

function achievementIdOf(subject: W3cCredential['credentialSubject']): string | null {
  const achievement = subject['achievement'];
  const id = (achievement as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * VC-API issue: signs any credential whose issuer is this issuer, adding an `urn:uuid:` id and
 * an issuance date of now when they are missing, and a revocation and a suspension entry
 * (`credentialStatus`) so that an admin can revoke it, and stores it before resolving. The
 * credential is reserved with its status entries before it is signed: an index is never given
 * twice, and a crash before the signature leaves it pending, signed at the next start.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the issuer is another DID, the dates are
 * out of order, or the credential brings its own `credentialStatus`; `CONFLICT` when a
 * credential with the given id was issued already.
 * @example
 * ```ts
 * const vc = await issueCredential(ctx, { '@context': [vcContextV1], type: ['VerifiableCredential'],
 *   issuer: ctx.signer.did, credentialSubject: { id: 'did:key:z6Mk…' } });
 * ```
 */
export async function issueCredential(
  ctx: IssueCredentialContext,
  credential: W3cCredential,
): Promise<JwtVerifiableCredential> {
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  if (issuerId !== ctx.signer.did) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `credential.issuer: must be this issuer's DID ${ctx.signer.did}`,
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
  if (credential.credentialStatus !== undefined) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'credential.credentialStatus: the issuer sets it (its own revocation and suspension lists); leave it out',
    );
  }
  const id = credential.id ?? `urn:uuid:${randomUUID()}`;
  const unsigned = { ...credential, id, issuanceDate };
  // Whatever would stop it being signed stops it now, before a status index is spent on it.
  jwtPayloadFromCredential(unsigned);
  const subjectId = credential.credentialSubject.id;
  // The id is checked, the status entries allocated and the credential reserved in one
  // transaction: a clashing id (409) spends no index.
  const reserved = await ctx.store.reserveCredential({
    id,
    subjectDid: typeof subjectId === 'string' ? subjectId : null,
    achievementId: achievementIdOf(credential.credentialSubject),
    issuedAt: now.toISOString(),
    build: (allocations) => ({
      ...unsigned,
      credentialStatus: credentialStatusEntries(ctx.baseUrl, allocations),
    }),
  });
  const { credential: signed } = await completeCredential(ctx, reserved);
  ctx.log.info('credential issued', { credentialId: id, subject: subjectId ?? null });
  return signed;
}
