import { randomUUID } from 'node:crypto';
import {
  SkillproofError,
  jwtPayloadFromCredential,
  type JwtVerifiableCredential,
  vcContextV2,
  type W3cCredential,
} from '@skillproof/core';
import {
  credentialStatusEntries,
  credentialStatusValue,
} from '../status/credential-status-entries.js';
import { statusPurposesFor } from '../status/status-purposes-for.js';
import type { IssuedFormat } from '../ports/issuer-store.js';
import {
  credentialReceipt,
  type TransparencyReceipt,
} from '../transparency/transparency-receipt.js';
import { completeCredential } from './complete-credential.js';
import type { IssuerContext } from './issuer-context.js';
import { isoSeconds } from './time.js';

/** What {@link issueCredential} works with: storage, the signer, the clock. */
export type IssueCredentialContext = Pick<
  IssuerContext,
  'store' | 'signer' | 'baseUrl' | 'now' | 'log' | 'transparency'
>;

// VCDM 1.1 defines neither a Data Integrity proof nor a Bitstring Status List entry: a VCDM 1.1
// credential signed as ldp_vc carries the contexts that do (as Digital Bazaar's vc adds them).
const vcdm1DataIntegrityContexts = [
  'https://www.w3.org/ns/credentials/status/v1',
  'https://w3id.org/security/data-integrity/v2',
];

function withContexts(contexts: string[], more: readonly string[]): string[] {
  return [...contexts, ...more.filter((context) => !contexts.includes(context))];
}

function achievementIdOf(subject: W3cCredential['credentialSubject']): string | null {
  const achievement = subject['achievement'];
  const id = (achievement as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : null;
}

/**
 * VC-API issue: signs any credential whose issuer is this issuer, in `options.format`
 * (`jwt_vc_json` for VCDM 1.1, `ldp_vc` (the default) or `vc+jwt` for VCDM 2.0), adding an
 * `urn:uuid:` id and an issuance date (`issuanceDate`, or `validFrom`) of now when they are
 * missing, and its status entries (`credentialStatus`) so that an admin can revoke it: a
 * revocation and a suspension entry, but for an Open Badge on VCDM 2.0, which gets one
 * revocation entry, as an object, since Open Badges 3.0 allows one (`statusPurposesFor`). It is
 * stored before this resolves. The
 * credential is reserved with its status entries before it is signed: an index is never given
 * twice, and a crash before the signature leaves it pending, signed at the next start.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when the issuer is another DID, the format does
 * not fit the data model, the dates are out of order, the credential brings its own
 * `credentialStatus`, or (`ldp_vc`) it does not canonicalize in safe mode; a given `proof` is
 * dropped; `CONFLICT` when a
 * credential with the given id was issued already.
 * @example
 * ```ts
 * const vc = await issueCredential(ctx, { '@context': [vcContextV1], type: ['VerifiableCredential'],
 *   issuer: ctx.signer.did, credentialSubject: { id: 'did:key:z6Mk…' } });
 * ```
 */
export async function issueCredential(
  ctx: IssueCredentialContext,
  given: W3cCredential,
  options: { format?: IssuedFormat } = {},
): Promise<JwtVerifiableCredential | Record<string, unknown>> {
  return (await issueLoggedCredential(ctx, given, options)).verifiableCredential;
}

/**
 * {@link issueCredential}, and the credential's transparency log receipt (issue 17) when the
 * issuer keeps a log: what `POST /credentials/issue` answers.
 *
 * @throws SkillproofError as {@link issueCredential}.
 */
export async function issueLoggedCredential(
  ctx: IssueCredentialContext,
  given: W3cCredential,
  options: { format?: IssuedFormat } = {},
): Promise<{
  verifiableCredential: JwtVerifiableCredential | Record<string, unknown>;
  transparencyReceipt?: TransparencyReceipt;
}> {
  // A proof the caller sent is dropped, whatever the format: the only proof is the issuer's. (The
  // signers refuse a credential that has one, and that must never happen after its status
  // entries are reserved.)
  const { proof: _given, ...credential } = given;
  const dataModel2 = credential['@context'][0] === vcContextV2;
  // A VCDM 2.0 credential is signed as Data Integrity unless asked otherwise; VCDM 1.1 as a JWT.
  const format = options.format ?? (dataModel2 ? 'ldp_vc' : 'jwt_vc_json');
  if (format === 'vc+jwt' && !dataModel2) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `credential.@context: vc+jwt is issued for VCDM 2.0 credentials: the first context must be ${vcContextV2}`,
    );
  }
  if (format === 'jwt_vc_json' && dataModel2) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `credential.@context: jwt_vc_json is the VCDM 1.1 JWT encoding; ask for ldp_vc or vc+jwt for a VCDM 2.0 credential`,
    );
  }
  const issuerId = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
  if (issuerId !== ctx.signer.did) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `credential.issuer: must be this issuer's DID ${ctx.signer.did}`,
    );
  }
  const now = ctx.now();
  // VCDM 1.1 §4.6 issuanceDate/expirationDate; VCDM 2.0 §4.9 validFrom/validUntil.
  const [startName, endName] = dataModel2
    ? (['validFrom', 'validUntil'] as const)
    : (['issuanceDate', 'expirationDate'] as const);
  const start = typeof credential[startName] === 'string' ? credential[startName] : isoSeconds(now);
  const end = credential[endName];
  if (typeof end === 'string' && Date.parse(end) < Date.parse(start)) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `credential.${endName}: must not be before ${startName}`,
    );
  }
  if (credential.credentialStatus !== undefined) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'credential.credentialStatus: the issuer sets it (its own revocation and suspension lists); leave it out',
    );
  }
  const id = credential.id ?? `urn:uuid:${randomUUID()}`;
  const unsigned = {
    ...credential,
    '@context':
      format === 'ldp_vc' && !dataModel2
        ? withContexts(credential['@context'], vcdm1DataIntegrityContexts)
        : credential['@context'],
    id,
    [startName]: start,
  } as W3cCredential;
  // Whatever would stop it being signed stops it now, before a status index is spent on it.
  if (format === 'jwt_vc_json') jwtPayloadFromCredential(unsigned);
  if (format === 'ldp_vc') await ctx.signer.assertDataIntegritySignable(unsigned);
  const subjectId = credential.credentialSubject.id;
  // The id is checked, the status entries allocated and the credential reserved in one
  // transaction: a clashing id (409) spends no index.
  const reserved = await ctx.store.reserveCredential({
    id,
    subjectDid: typeof subjectId === 'string' ? subjectId : null,
    achievementId: achievementIdOf(credential.credentialSubject),
    issuedAt: now.toISOString(),
    format,
    statusPurposes: statusPurposesFor(unsigned),
    build: (allocations) => ({
      ...unsigned,
      credentialStatus: credentialStatusValue(credentialStatusEntries(ctx.baseUrl, allocations)),
    }),
  });
  const { credential: signed } = await completeCredential(ctx, reserved);
  ctx.log.info('credential issued', { credentialId: id, subject: subjectId ?? null });
  const receipt = await credentialReceipt(ctx.transparency, ctx.baseUrl, id);
  return { verifiableCredential: signed, ...(receipt ? { transparencyReceipt: receipt } : {}) };
}
