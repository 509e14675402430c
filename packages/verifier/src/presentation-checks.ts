import { canonicalJson, isJsonObject } from '@skillproof/core';
import { checkValidityPeriod } from './check-validity-period.js';
import { envelopedJwtOf, isEnvelope } from './formats/check-vc-jose-credential.js';
import type { ResolvedPolicy } from './verification-policy.js';
import type { CheckLog } from './verification-result.js';

/** What identifies a presented credential: its JWT, or the JSON of a Data Integrity one. */
export function credentialJwtOf(entry: unknown): unknown {
  if (isEnvelope(entry)) return envelopedJwtOf(entry) ?? entry;
  return isJsonObject(entry) &&
    isJsonObject(entry['proof']) &&
    typeof entry['proof']['jwt'] === 'string'
    ? entry['proof']['jwt']
    : entry;
}

/**
 * The `nonce` and `audience` checks: `nonce` (a Data Integrity proof's `challenge`) equals the
 * policy's challenge, and `aud` (a proof's `domain`) names the policy's domain.
 */
export function checkNonceAndAudience(
  nonce: unknown,
  aud: unknown,
  policy: ResolvedPolicy,
  log: CheckLog,
): void {
  if (policy.challenge === undefined) {
    log.warn('the nonce was not checked: no challenge was given');
  } else if (nonce === undefined) {
    log.fail('nonce', 'NONCE_MISSING', 'the presentation carries no nonce');
  } else if (nonce !== policy.challenge) {
    log.fail('nonce', 'NONCE_MISMATCH', 'the presentation was made for another request (nonce)');
  } else {
    log.pass('nonce');
  }
  if (policy.domain === undefined) {
    log.warn('the audience was not checked: no domain was given');
    return;
  }
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (audiences.includes(policy.domain)) log.pass('audience');
  else
    log.fail(
      'audience',
      'AUDIENCE_MISMATCH',
      `the presentation is not addressed to ${policy.domain}`,
    );
}

export function checkAge(
  payload: Record<string, unknown>,
  nowSeconds: number,
  policy: ResolvedPolicy,
  log: CheckLog,
): void {
  const times: Array<{ name: string; seconds: number }> = [];
  for (const name of ['iat', 'nbf', 'exp'] as const) {
    const value = payload[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      log.fail('validity', 'PAYLOAD_INVALID', `${name} is not a number`);
      return;
    }
    times.push({ name, seconds: value });
  }
  const issuedAt =
    times.find((time) => time.name === 'iat') ?? times.find((time) => time.name === 'nbf');
  if (!issuedAt) {
    log.fail('age', 'PRESENTATION_TOO_OLD', 'the presentation has no issuance time (iat or nbf)');
    return;
  }
  const age = nowSeconds - issuedAt.seconds;
  if (age > policy.maxPresentationAgeSeconds + policy.clockSkewSeconds) {
    log.fail('age', 'PRESENTATION_TOO_OLD', `the presentation is ${Math.round(age)} s old`);
    return;
  }
  log.pass('age');
  // RFC 7519 §4.1.5: not before nbf, whatever iat says; a presentation issued in the future is
  // not valid yet either.
  checkValidityPeriod(
    {
      notBefore: times.filter((time) => time.name !== 'exp'),
      notAfter: times.filter((time) => time.name === 'exp'),
    },
    nowSeconds,
    policy.clockSkewSeconds,
    log,
  );
}

export function checkCredentialList(
  entries: unknown,
  policy: ResolvedPolicy,
  log: CheckLog,
): unknown[] | undefined {
  // VCDM 2.0 §4.12: verifiableCredential is one credential or a list of them.
  if (isJsonObject(entries)) entries = [entries];
  if (entries === undefined && !policy.requireCredentials) entries = [];
  if (Array.isArray(entries) && entries.length === 0 && !policy.requireCredentials) {
    log.pass('credentials');
    return [];
  }
  if (!Array.isArray(entries) || entries.length === 0) {
    log.fail('credentials', 'NO_CREDENTIALS', 'the presentation carries no credential');
    return undefined;
  }
  if (entries.length > policy.maxCredentials) {
    log.fail(
      'credentials',
      'TOO_MANY_CREDENTIALS',
      `at most ${policy.maxCredentials} credentials are accepted`,
    );
    return undefined;
  }
  const keys = entries.map((entry) => {
    const jwt = credentialJwtOf(entry);
    return typeof jwt === 'string' ? jwt : canonicalJson(jwt);
  });
  // Pairwise (at most maxCredentials² / 2 comparisons): unequal JWTs differ in length or early
  // bytes, whereas a Set would hash every kilobyte of every one.
  if (keys.some((key, index) => keys.indexOf(key) !== index)) {
    log.fail('credentials', 'DUPLICATE_CREDENTIAL', 'the same credential is presented twice');
    return undefined;
  }
  log.pass('credentials');
  return entries;
}

/** The holder and the credentials of a presentation whose own proof was checked. */
export interface CheckedPresentation {
  holder?: string;
  /** The presented credentials, once the presentation passed its own checks this far. */
  entries?: unknown[];
}
