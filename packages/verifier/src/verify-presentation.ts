import { canonicalJson, isJsonObject } from '@skillproof/core';
import { checkSignature } from './check-signature.js';
import { checkValidityPeriod } from './check-validity-period.js';
import { readInput } from './read-input.js';
import { type ResolvedPolicy, type VerificationPolicy } from './verification-policy.js';
import { resolvePolicy } from './resolve-policy.js';
import {
  CheckLog,
  type VerifyCredentialResult,
  type VerifyPresentationResult,
} from './verification-result.js';
import { verifyCredentialUnderPolicy } from './verify-credential.js';

function credentialJwtOf(entry: unknown): unknown {
  return isJsonObject(entry) && isJsonObject(entry['proof']) ? entry['proof']['jwt'] : entry;
}

function checkNonceAndAudience(
  payload: Record<string, unknown>,
  policy: ResolvedPolicy,
  log: CheckLog,
): void {
  if (policy.challenge === undefined) {
    log.warn('the nonce was not checked: no challenge was given');
  } else if (payload['nonce'] === undefined) {
    log.fail('nonce', 'NONCE_MISSING', 'the presentation carries no nonce');
  } else if (payload['nonce'] !== policy.challenge) {
    log.fail('nonce', 'NONCE_MISMATCH', 'the presentation was made for another request (nonce)');
  } else {
    log.pass('nonce');
  }
  if (policy.domain === undefined) {
    log.warn('the audience was not checked: no domain was given');
    return;
  }
  const aud = payload['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (audiences.includes(policy.domain)) log.pass('audience');
  else
    log.fail(
      'audience',
      'AUDIENCE_MISMATCH',
      `the presentation is not addressed to ${policy.domain}`,
    );
}

function checkAge(
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

function checkCredentialList(
  entries: unknown,
  policy: ResolvedPolicy,
  log: CheckLog,
): unknown[] | undefined {
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

/** The outer VP JSON, if given, may only repeat what the JWT says. */
function checkOuterJson(
  outer: Record<string, unknown> | undefined,
  holder: string,
  entries: unknown[],
  log: CheckLog,
): void {
  if (!outer) return;
  const holderField = isJsonObject(outer['holder']) ? outer['holder']['id'] : outer['holder'];
  const outerCredentials = outer['verifiableCredential'];
  const credentialsMatch =
    outerCredentials === undefined ||
    (Array.isArray(outerCredentials) &&
      canonicalJson(outerCredentials.map(credentialJwtOf)) ===
        canonicalJson(entries.map(credentialJwtOf)));
  if ((holderField !== undefined && holderField !== holder) || !credentialsMatch) {
    log.fail('json', 'PAYLOAD_MISMATCH', 'the presentation JSON differs from its signed payload');
  } else {
    log.pass('json');
  }
}

function bindToHolder(result: VerifyCredentialResult, holder: string): VerifyCredentialResult {
  const subject = result.credential?.credentialSubject.id;
  if (!result.credential) return result;
  const check =
    subject === holder
      ? { id: 'holder', ok: true }
      : {
          id: 'holder',
          ok: false,
          code: 'HOLDER_NOT_SUBJECT' as const,
          message: `the credential's subject ${subject ?? '(none)'} is not the presentation's holder ${holder}`,
        };
  const checks = [...result.checks, check];
  const errors = checks.filter((entry) => !entry.ok);
  return { ...result, checks, errors, verified: errors.length === 0 };
}

/**
 * Verifies a JWT presentation and every credential in it: the holder's signature, nonce and
 * audience, age, credential count and uniqueness, each credential on its own (as
 * {@link verifyCredential}), and that the holder is each credential's subject. The nonce is
 * consumed through `policy.nonceStore` once the signature, nonce and audience check out, so a
 * replay fails with `NONCE_REPLAYED`. Never throws for bad input.
 *
 * @example
 * ```ts
 * const result = await verifyPresentation(vp, { challenge: nonce, domain, nonceStore });
 * ```
 */
export async function verifyPresentation(
  input: unknown,
  policyOptions: VerificationPolicy = {},
): Promise<VerifyPresentationResult> {
  const policy = resolvePolicy(policyOptions);
  const log = new CheckLog();
  const result = (
    holder?: string,
    credentials: VerifyCredentialResult[] = [],
  ): VerifyPresentationResult => {
    const presentationVerified = log.ok;
    for (const [index, credential] of credentials.entries()) {
      if (credential.verified) log.pass(`credential[${index}]`);
      else
        log.fail(
          `credential[${index}]`,
          'CREDENTIAL_INVALID',
          credential.errors[0]?.message ?? 'invalid',
        );
    }
    return {
      verified: log.ok,
      presentationVerified,
      ...(holder ? { holder } : {}),
      checks: log.checks,
      errors: log.errors,
      warnings: log.warnings,
      credentials,
    };
  };

  const read = readInput(input, policy.maxPresentationBytes, log);
  if (!read) return result();
  const signed = checkSignature(read.jwt, policy.allowedAlgorithms, log);
  if (!signed) return result();
  const holder = signed.did;
  const { payload } = signed.decoded;
  const vp = payload['vp'];
  if (!isJsonObject(vp)) {
    log.fail('payload', 'PAYLOAD_INVALID', 'the payload holds no vp object');
    return result(holder);
  }
  log.pass('payload');
  checkNonceAndAudience(payload, policy, log);
  checkAge(payload, policy.now().getTime() / 1000, policy, log);
  const entries = checkCredentialList(vp['verifiableCredential'], policy, log);
  checkOuterJson(read.outer, holder, entries ?? [], log);
  if (!log.ok) return result(holder);

  if (policy.nonceStore && policy.challenge !== undefined) {
    const fresh = await policy.nonceStore.consume(policy.challenge);
    if (!fresh) {
      log.fail(
        'nonce.unused',
        'NONCE_REPLAYED',
        'the nonce is unknown here, expired, or already used',
      );
      return result(holder);
    }
    log.pass('nonce.unused');
  }
  const credentials = await Promise.all(
    (entries ?? []).map(async (entry) =>
      bindToHolder(await verifyCredentialUnderPolicy(entry, policy), holder),
    ),
  );
  return result(holder, credentials);
}
