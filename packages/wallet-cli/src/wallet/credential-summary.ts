import { createHash } from 'node:crypto';
import {
  canonicalJson,
  credentialFromJwtPayload,
  decodeJwt,
  isJsonObject,
  SkillproofError,
  type JwtVerifiableCredential,
  type W3cCredential,
} from '@skillproof/core';
import type { CredentialFormat } from '@skillproof/verifier';

export type { CredentialFormat };

/** The formats the wallet holds (OpenID4VCI format identifiers). */
export const credentialFormats: readonly CredentialFormat[] = ['jwt_vc_json', 'vc+jwt', 'ldp_vc'];

/**
 * A credential as the wallet keeps it: the compact JWS of a `jwt_vc_json` (VCDM 1.1 JWT) or
 * `vc+jwt` (VC-JOSE, VCDM 2.0) credential, or the JSON document of an `ldp_vc` (Data Integrity).
 */
export type HeldCredentialForm = string | Record<string, unknown>;

/** What the wallet lists of a badge, read from its signed payload once, when it is stored. */
export interface CredentialSummary {
  id: string;
  name: string | null;
  achievementId: string | null;
  issuerDid: string;
  issuerName: string | null;
  subjectDid: string | null;
  /** `issuanceDate` (VCDM 1.1) or `validFrom` (VCDM 2.0). */
  issuedAt: string | null;
  /** `expirationDate` (VCDM 1.1) or `validUntil` (VCDM 2.0). */
  expiresAt: string | null;
  /** The Open Badges result value (integer percent), when the badge carries one. */
  score: number | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * The W3C JSON of a credential JWT, from its signed payload only.
 *
 * @throws SkillproofError `JWT_MALFORMED` when it is not a credential JWT.
 * @example
 * ```ts
 * credentialOfJwt(jwt).credentialSubject.id;
 * ```
 */
export function credentialOfJwt(jwt: string): W3cCredential {
  return credentialFromJwtPayload(decodeJwt(jwt).payload);
}

/**
 * The format of a credential as it was given: a JWS whose `typ` is `vc+jwt` (VC-JOSE-COSE
 * §3.1.1) is `vc+jwt`, any other JWS `jwt_vc_json`, a JSON document `ldp_vc`.
 *
 * @example
 * ```ts
 * formatOfCredential(jwt); // 'jwt_vc_json'
 * ```
 */
export function formatOfCredential(credential: HeldCredentialForm): CredentialFormat {
  if (typeof credential !== 'string') return 'ldp_vc';
  const typ = decodeJwt(credential).header.typ;
  return typ === 'vc+jwt' || typ === 'vc+ld+json+jwt' ? 'vc+jwt' : 'jwt_vc_json';
}

/**
 * The W3C JSON a stored credential holds, read without verifying anything (the wallet verified
 * it when it stored it): the `vc` claim of a VCDM 1.1 JWT, the payload of a VC-JOSE JWT (less
 * its JOSE claims), the document of a Data Integrity credential (less its proof).
 *
 * @throws SkillproofError `JWT_MALFORMED` when it can't be read as a credential.
 * @example
 * ```ts
 * readHeldCredential('vc+jwt', jwt).validFrom;
 * ```
 */
export function readHeldCredential(
  format: CredentialFormat,
  credential: HeldCredentialForm,
): W3cCredential {
  let read: Record<string, unknown>;
  if (format === 'jwt_vc_json' && typeof credential === 'string') {
    return credentialOfJwt(credential);
  } else if (format === 'vc+jwt' && typeof credential === 'string') {
    const {
      iss: _iss,
      nbf: _nbf,
      exp: _exp,
      iat: _iat,
      cnf: _cnf,
      ...payload
    } = decodeJwt(credential).payload;
    read = payload;
  } else if (format === 'ldp_vc' && isJsonObject(credential)) {
    const { proof: _proof, ...document } = credential;
    read = document;
  } else {
    throw new SkillproofError('JWT_MALFORMED', `this is not a ${format} credential`);
  }
  const issuer = read['issuer'];
  if (
    !isJsonObject(read['credentialSubject']) ||
    !(typeof issuer === 'string' || (isJsonObject(issuer) && typeof issuer['id'] === 'string'))
  ) {
    throw new SkillproofError(
      'JWT_MALFORMED',
      `this ${format} credential names no issuer or subject`,
    );
  }
  return read as W3cCredential;
}

/**
 * Veramo's normalized form of a credential JWT (the JSON plus `proof.jwt`).
 *
 * @example
 * ```ts
 * normalizedCredential(jwt).proof.jwt === jwt; // true
 * ```
 */
export function normalizedCredential(jwt: string): JwtVerifiableCredential {
  return { ...credentialOfJwt(jwt), proof: { type: 'JwtProof2020', jwt } };
}

/**
 * The Open Badges 3.0 score of a credential: `credentialSubject.result[].value` as an integer.
 *
 * @example
 * ```ts
 * scoreOf(credentialOfJwt(jwt)); // 90
 * ```
 */
export function scoreOf(credential: W3cCredential): number | null {
  const results = credential.credentialSubject['result'];
  if (!Array.isArray(results)) return null;
  for (const result of results) {
    const value = isJsonObject(result) ? result['value'] : undefined;
    if (typeof value === 'string' && /^\d{1,3}$/.test(value)) return Number(value);
  }
  return null;
}

/**
 * Summarises a credential for the wallet's index (which `list` reads without decoding
 * anything), in any format the wallet holds. A credential without an id is known by the hash of
 * its JWT (or of its canonical JSON).
 *
 * @throws SkillproofError `JWT_MALFORMED` when it can't be read as a credential of `format`.
 * @example
 * ```ts
 * summarizeCredential(jwt).name; // 'Git Basics'
 * summarizeCredential(document, 'ldp_vc').issuedAt;
 * ```
 */
export function summarizeCredential(
  held: HeldCredentialForm,
  format: CredentialFormat = formatOfCredential(held),
): CredentialSummary {
  const credential = readHeldCredential(format, held);
  const achievement = credential.credentialSubject['achievement'];
  const issuer = credential.issuer as string | { id: string; name?: unknown };
  const signed = typeof held === 'string' ? held : canonicalJson(held);
  return {
    id: credential.id ?? `urn:sha256:${createHash('sha256').update(signed).digest('hex')}`,
    name:
      (isJsonObject(achievement) ? text(achievement['name']) : null) ?? text(credential['name']),
    achievementId: isJsonObject(achievement) ? text(achievement['id']) : null,
    issuerDid: typeof issuer === 'string' ? issuer : issuer.id,
    issuerName: typeof issuer === 'string' ? null : text(issuer.name),
    subjectDid: text(credential.credentialSubject.id),
    issuedAt: text(credential.issuanceDate) ?? text(credential['validFrom']),
    expiresAt: text(credential.expirationDate) ?? text(credential['validUntil']),
    score: scoreOf(credential),
  };
}
