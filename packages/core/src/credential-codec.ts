import { isJsonObject } from './is-json-object.js';
import { SkillproofError } from './skillproof-error.js';
import type { W3cCredential } from './credential-types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function secondsToIso(seconds: unknown): string | undefined {
  return typeof seconds === 'number' && Number.isFinite(seconds)
    ? new Date(seconds * 1000).toISOString()
    : undefined;
}

function isoToSeconds(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new SkillproofError('VALIDATION_FAILED', `${field} is not a date`);
  return Math.floor(ms / 1000);
}

/**
 * The W3C JSON form of a JWT credential's payload (VCDM 1.1 §6.3.1 "JWT decoding"): `iss` is
 * the issuer id, `sub` the subject id, `jti` the id, `nbf`/`exp` the dates. Only signed data is
 * used. A payload whose `issuer` object names a DID other than `iss` is refused, since a
 * verifier that read one and checked the other could be fooled.
 *
 * @throws SkillproofError `JWT_MALFORMED` when the payload holds no `vc` object or no `iss`.
 */
export function credentialFromJwtPayload(payload: Record<string, unknown>): W3cCredential {
  const vc = payload['vc'];
  if (!isJsonObject(vc)) throw new SkillproofError('JWT_MALFORMED', 'the JWT holds no vc claim');
  const iss = payload['iss'];
  if (typeof iss !== 'string') throw new SkillproofError('JWT_MALFORMED', 'the JWT has no iss');
  // Object.assign rather than `{...a, id}`: V8 copies a spread that then overrides a key through
  // a slow path, and this runs for every credential verified.
  const credential: Record<string, unknown> = Object.assign({}, vc);

  const issuer: Record<string, unknown> = {};
  for (const part of [payload['issuer'], vc['issuer']]) {
    if (part === undefined) continue;
    const asObject = typeof part === 'string' ? { id: part } : part;
    if (!isJsonObject(asObject))
      throw new SkillproofError('JWT_MALFORMED', 'issuer is neither a string nor an object');
    if (asObject['id'] !== undefined && asObject['id'] !== iss) {
      throw new SkillproofError('JWT_MALFORMED', 'the payload names an issuer other than iss', {
        field: 'issuer',
      });
    }
    Object.assign(issuer, asObject);
  }
  issuer['id'] = iss;
  credential['issuer'] = issuer;

  const subject = vc['credentialSubject'];
  const sub = payload['sub'];
  if (isJsonObject(subject)) {
    if (typeof sub === 'string') {
      if (subject['id'] !== undefined && subject['id'] !== sub) {
        throw new SkillproofError('JWT_MALFORMED', 'credentialSubject.id differs from sub');
      }
      const withId: Record<string, unknown> = Object.assign({}, subject);
      withId['id'] = sub;
      credential['credentialSubject'] = withId;
    }
  } else if (typeof sub === 'string' && subject === undefined) {
    credential['credentialSubject'] = { id: sub };
  }

  const jti = payload['jti'];
  if (typeof jti === 'string') {
    if (vc['id'] !== undefined && vc['id'] !== jti)
      throw new SkillproofError('JWT_MALFORMED', 'vc.id differs from jti');
    credential['id'] = jti;
  }
  const issuanceDate = secondsToIso(payload['nbf']);
  if (issuanceDate) credential['issuanceDate'] = issuanceDate;
  const expirationDate = secondsToIso(payload['exp']);
  if (expirationDate) credential['expirationDate'] = expirationDate;
  return credential as W3cCredential;
}

/**
 * The JWT payload for a W3C credential (VCDM 1.1 §6.3.1 "JWT encoding"), the inverse of
 * {@link credentialFromJwtPayload}: issuer id -> `iss`, subject id -> `sub`, id -> `jti`,
 * issuanceDate -> `nbf`, expirationDate -> `exp`; the rest of the issuer profile stays in the
 * signed payload's `issuer` object, as Veramo and did-jwt-vc write it.
 */
export function jwtPayloadFromCredential(credential: W3cCredential): Record<string, unknown> {
  const {
    issuer,
    credentialSubject,
    id,
    issuanceDate,
    expirationDate,
    proof: _proof,
    ...rest
  } = credential;
  const issuerId = typeof issuer === 'string' ? issuer : issuer.id;
  const payload: Record<string, unknown> = {};
  const { id: subjectId, ...subjectClaims } = credentialSubject;
  payload['vc'] = { ...rest, credentialSubject: subjectClaims };
  if (typeof issuer === 'object') {
    const { id: _id, ...profile } = issuer;
    if (Object.keys(profile).length > 0) payload['issuer'] = profile;
  }
  if (typeof subjectId === 'string') payload['sub'] = subjectId;
  if (id !== undefined) payload['jti'] = id;
  payload['nbf'] = isoToSeconds(issuanceDate ?? new Date().toISOString(), 'issuanceDate');
  if (expirationDate !== undefined) payload['exp'] = isoToSeconds(expirationDate, 'expirationDate');
  payload['iss'] = issuerId;
  return payload;
}

/**
 * JSON with object keys sorted at every depth, so two values that mean the same compare equal
 * as strings (a stand-in for JCS, RFC 8785, that is exact for the JSON we exchange).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key] as Json)]),
    );
  }
  return value;
}
