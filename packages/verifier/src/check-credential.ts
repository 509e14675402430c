import {
  canonicalJson,
  credentialFromJwtPayload,
  isSkillproofError,
  type W3cCredential,
  isJsonObject,
} from '@skillproof/core';
import { checkSignature } from './check-signature.js';
import { checkValidityPeriod, isoToSeconds, type ValidityPeriod } from './check-validity-period.js';
import { readInput } from './read-input.js';
import type { ResolvedPolicy } from './verification-policy.js';
import type { CheckLog } from './verification-result.js';

const baseContexts = new Set<unknown>([
  'https://www.w3.org/2018/credentials/v1',
  'https://www.w3.org/ns/credentials/v2',
]);

function achievementIdOf(credential: W3cCredential): string | undefined {
  const achievement = credential.credentialSubject['achievement'];
  return isJsonObject(achievement) && typeof achievement['id'] === 'string'
    ? achievement['id']
    : undefined;
}

function validityPeriodOf(
  payload: Record<string, unknown>,
  vc: Record<string, unknown>,
): ValidityPeriod | string {
  const period: ValidityPeriod = { notBefore: [], notAfter: [] };
  for (const [name, value, list] of [
    ['nbf', payload['nbf'], period.notBefore],
    ['exp', payload['exp'], period.notAfter],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} is not a number`;
    list.push({ name, seconds: value });
  }
  // Dates inside `vc` are signed, so they bind, though did-jwt-vc ignores them. VCDM 1.1 §4.6:
  // issuanceDate is when the credential becomes valid (encoders move it to nbf; a payload may
  // still carry it inside vc).
  for (const [name, list] of [
    ['issuanceDate', period.notBefore],
    ['validFrom', period.notBefore],
    ['expirationDate', period.notAfter],
    ['validUntil', period.notAfter],
  ] as const) {
    if (vc[name] === undefined) continue;
    const seconds = isoToSeconds(vc[name]);
    if (seconds === undefined) return `vc.${name} is not a date`;
    list.push({ name: `vc.${name}`, seconds });
  }
  return period;
}

/** Names the top-level fields where the outer JSON and the signed credential differ. */
function differingFields(outer: Record<string, unknown>, signed: W3cCredential): string[] {
  const { proof: _proof, ...unsigned } = outer;
  if (typeof unsigned['issuer'] === 'string') unsigned['issuer'] = { id: unsigned['issuer'] };
  const keys = new Set([...Object.keys(unsigned), ...Object.keys(signed)]);
  return [...keys]
    .filter((key) => canonicalJson(unsigned[key]) !== canonicalJson(signed[key]))
    .sort();
}

function checkTrust(
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
  const achievementId = achievementIdOf(credential);
  if (entry.achievements && (!achievementId || !entry.achievements.includes(achievementId))) {
    log.fail(
      'issuer.trusted',
      'ISSUER_UNTRUSTED',
      `the issuer ${issuer} is not trusted for ${achievementId ?? 'a credential without an achievement'}`,
    );
    return;
  }
  log.pass('issuer.trusted');
}

/** What {@link checkCredential} learned from a credential, as far as it could read it. */
export interface CheckedCredential {
  /** The credential as its signed payload says, once the signature checked out. */
  credential?: W3cCredential;
  jwt?: string;
  /** The signer (`iss`), once the signature checked out. */
  issuer?: string;
  /** The signed `vc.credentialStatus`, if any. */
  credentialStatus?: unknown;
  /** The earliest end of validity (`exp`, `expirationDate`, `validUntil`), in epoch seconds. */
  notAfterSeconds?: number;
}

/**
 * Every check of a JWT credential that needs no network: the JWS header and Ed25519 signature by
 * the `iss` DID, a well-formed `vc` payload whose issuer is `iss`, the outer JSON (if given)
 * equal to the signed payload, the validity period, and the issuer's trust. Records each check
 * in `log`; never throws for bad input.
 */
export function checkCredential(
  input: unknown,
  policy: ResolvedPolicy,
  log: CheckLog,
): CheckedCredential {
  const read = readInput(input, policy.maxCredentialBytes, log);
  if (!read) return {};
  const signed = checkSignature(read.jwt, policy.allowedAlgorithms, log);
  if (!signed) return { jwt: read.jwt };
  const { payload } = signed.decoded;

  const vc = payload['vc'];
  if (!isJsonObject(vc) || !isJsonObject(vc['credentialSubject'])) {
    log.fail(
      'payload',
      'PAYLOAD_INVALID',
      'the payload holds no vc object with a credentialSubject',
    );
    return { jwt: read.jwt };
  }
  let credential: W3cCredential;
  try {
    credential = credentialFromJwtPayload(payload);
  } catch (error) {
    const known = isSkillproofError(error);
    const issuerConflict =
      known && (error.details as { field?: string } | undefined)?.field === 'issuer';
    log.fail(
      'payload',
      issuerConflict ? 'ISSUER_MISMATCH' : 'PAYLOAD_INVALID',
      known ? error.message : 'the vc payload is malformed',
    );
    return { jwt: read.jwt };
  }
  const checked: CheckedCredential = { credential, jwt: read.jwt, issuer: signed.did };
  if (vc['credentialStatus'] !== undefined) checked.credentialStatus = vc['credentialStatus'];
  const types = vc['type'];
  if (!Array.isArray(types) || !types.includes('VerifiableCredential')) {
    log.fail('payload', 'PAYLOAD_INVALID', 'vc.type must include VerifiableCredential');
    return checked;
  }
  // VCDM 1.1 §4.1 (and 2.0): the first context is the data model's own.
  const contexts = vc['@context'];
  if (!Array.isArray(contexts) || !baseContexts.has(contexts[0])) {
    log.fail(
      'payload',
      'PAYLOAD_INVALID',
      `vc.@context must begin with ${[...baseContexts].join(' or ')}`,
    );
    return checked;
  }
  log.pass('payload');

  if (read.outer) {
    const differing = differingFields(read.outer, credential);
    if (differing.length > 0) {
      log.fail(
        'json',
        'PAYLOAD_MISMATCH',
        `the JSON differs from the signed payload in: ${differing.join(', ')}`,
      );
    } else {
      log.pass('json');
    }
  }

  const period = validityPeriodOf(payload, vc);
  if (typeof period === 'string') {
    log.fail('validity', 'PAYLOAD_INVALID', period);
  } else {
    checkValidityPeriod(period, policy.now().getTime() / 1000, policy.clockSkewSeconds, log);
    if (period.notAfter.length > 0) {
      checked.notAfterSeconds = Math.min(...period.notAfter.map((end) => end.seconds));
    }
  }

  checkTrust(credential, signed.did, policy, log);
  return checked;
}
