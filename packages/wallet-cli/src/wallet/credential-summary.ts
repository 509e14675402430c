import { createHash } from 'node:crypto';
import {
  credentialFromJwtPayload,
  decodeJwt,
  isJsonObject,
  type JwtVerifiableCredential,
  type W3cCredential,
} from '@skillproof/core';

/** What the wallet lists of a badge, read from its signed payload once, when it is stored. */
export interface CredentialSummary {
  id: string;
  name: string | null;
  achievementId: string | null;
  issuerDid: string;
  issuerName: string | null;
  subjectDid: string | null;
  issuedAt: string | null;
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
 * Summarises a credential JWT for the wallet's index (which `list` reads without decoding
 * anything). A credential without an id is known by the hash of its JWT.
 *
 * @example
 * ```ts
 * summarizeCredential(jwt).name; // 'Git Basics'
 * ```
 */
export function summarizeCredential(jwt: string): CredentialSummary {
  const credential = credentialOfJwt(jwt);
  const achievement = credential.credentialSubject['achievement'];
  const issuer = credential.issuer as { id: string; name?: unknown };
  return {
    id: credential.id ?? `urn:sha256:${createHash('sha256').update(jwt).digest('hex')}`,
    name:
      (isJsonObject(achievement) ? text(achievement['name']) : null) ?? text(credential['name']),
    achievementId: isJsonObject(achievement) ? text(achievement['id']) : null,
    issuerDid: issuer.id,
    issuerName: text(issuer.name),
    subjectDid: text(credential.credentialSubject.id),
    issuedAt: text(credential.issuanceDate),
    expiresAt: text(credential.expirationDate),
    score: scoreOf(credential),
  };
}
