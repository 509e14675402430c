import { isJsonObject, type W3cCredential } from '@skillproof/core';
import { checkValidityPeriod, isoToSeconds, type ValidityPeriod } from './check-validity-period.js';
import { credentialSubjectsOf } from './credential-subjects.js';
import type { ResolvedPolicy } from './verification-policy.js';
import type { CheckLog } from './verification-result.js';

const vcdm1Context = 'https://www.w3.org/2018/credentials/v1';
const vcdm2Context = 'https://www.w3.org/ns/credentials/v2';

/** The data models a credential's first context may name (VCDM 1.1 §4.1, VCDM 2.0 §4.3). */
export const dataModelContexts: ReadonlySet<unknown> = new Set([vcdm1Context, vcdm2Context]);

/** Whether a credential's first context is VCDM 2.0's. */
export function isDataModel2(credential: Record<string, unknown>): boolean {
  const contexts = credential['@context'];
  return Array.isArray(contexts) && contexts[0] === vcdm2Context;
}

/**
 * The dates bounding a credential: `nbf`/`exp` from JWT `claims` (if any), then the credential's
 * own `issuanceDate`/`validFrom` and `expirationDate`/`validUntil`, named with `prefix` in
 * messages. A string names the first date that is not one.
 */
export function validityPeriodOf(
  claims: Record<string, unknown> | undefined,
  credential: Record<string, unknown>,
  prefix = '',
): ValidityPeriod | string {
  const period: ValidityPeriod = { notBefore: [], notAfter: [] };
  for (const [name, list] of [
    ['nbf', period.notBefore],
    ['exp', period.notAfter],
  ] as const) {
    const value = claims?.[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} is not a number`;
    list.push({ name, seconds: value });
  }
  // VCDM 1.1 §4.6 / VCDM 2.0 §4.9: issuanceDate and validFrom start validity; expirationDate and
  // validUntil end it. Signed dates bind even where a library (did-jwt-vc) ignores them.
  for (const [name, list] of [
    ['issuanceDate', period.notBefore],
    ['validFrom', period.notBefore],
    ['expirationDate', period.notAfter],
    ['validUntil', period.notAfter],
  ] as const) {
    if (credential[name] === undefined) continue;
    const seconds = isoToSeconds(credential[name]);
    if (seconds === undefined) return `${prefix}${name} is not a date`;
    list.push({ name: `${prefix}${name}`, seconds });
  }
  return period;
}

/**
 * The `payload` check of a signed credential's content: `VerifiableCredential` among its types,
 * a data model context first, and one subject or a non-empty list of subjects.
 */
export function checkCredentialShape(credential: Record<string, unknown>, log: CheckLog): boolean {
  const types = credential['type'];
  if (!Array.isArray(types) || !types.includes('VerifiableCredential')) {
    return log.fail('payload', 'PAYLOAD_INVALID', 'type must include VerifiableCredential');
  }
  const contexts = credential['@context'];
  if (!Array.isArray(contexts) || !dataModelContexts.has(contexts[0])) {
    return log.fail(
      'payload',
      'PAYLOAD_INVALID',
      `@context must begin with ${vcdm1Context} or ${vcdm2Context}`,
    );
  }
  const subject = credential['credentialSubject'];
  const subjects = Array.isArray(subject) ? subject : [subject];
  if (subjects.length === 0 || !subjects.every(isJsonObject)) {
    return log.fail(
      'payload',
      'PAYLOAD_INVALID',
      'credentialSubject must be an object or a non-empty list of objects',
    );
  }
  return log.pass('payload');
}

/**
 * The `validity` check over `period`; returns the earliest end of validity in epoch seconds, if
 * the credential has one.
 */
export function checkCredentialValidity(
  period: ValidityPeriod | string,
  policy: ResolvedPolicy,
  log: CheckLog,
): number | undefined {
  if (typeof period === 'string') {
    log.fail('validity', 'PAYLOAD_INVALID', period);
    return undefined;
  }
  checkValidityPeriod(period, policy.now().getTime() / 1000, policy.clockSkewSeconds, log);
  return period.notAfter.length > 0
    ? Math.min(...period.notAfter.map((end) => end.seconds))
    : undefined;
}

function achievementIdsOf(credential: W3cCredential): string[] {
  return credentialSubjectsOf(credential).flatMap((subject) => {
    const achievement = subject['achievement'];
    return isJsonObject(achievement) && typeof achievement['id'] === 'string'
      ? [achievement['id']]
      : [];
  });
}

/**
 * The `issuer.trusted` check: the issuer is among `policy.trustedIssuers`, and, where that entry
 * names achievements, every achievement the credential awards is one of them.
 */
export function checkIssuerTrust(
  credential: W3cCredential,
  issuer: string,
  policy: ResolvedPolicy,
  log: CheckLog,
): void {
  if (!policy.trustedIssuers) {
    log.warn('issuer trust was not evaluated: no trusted issuers are configured');
    return;
  }
  const entry = policy.trustedIssuers.find((trusted) => trusted.did === issuer);
  if (!entry) {
    log.fail('issuer.trusted', 'ISSUER_UNTRUSTED', `the issuer ${issuer} is not trusted`);
    return;
  }
  const achievementIds = achievementIdsOf(credential);
  const allowed = entry.achievements;
  if (
    allowed &&
    (achievementIds.length === 0 || achievementIds.some((id) => !allowed.includes(id)))
  ) {
    log.fail(
      'issuer.trusted',
      'ISSUER_UNTRUSTED',
      `the issuer ${issuer} is not trusted for ${achievementIds.join(', ') || 'a credential without an achievement'}`,
    );
    return;
  }
  log.pass('issuer.trusted');
}

/** The issuer's id of a credential: `issuer` as a string, or its `id`. */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential['issuer'];
  if (typeof issuer === 'string') return issuer;
  return isJsonObject(issuer) && typeof issuer['id'] === 'string' ? issuer['id'] : undefined;
}
