import { canonicalJson, isJsonObject } from '@skillproof/core';
import { checkJws } from './check-jws.js';
import { credentialSubjectsOf } from './credential-subjects.js';
import { checkDataIntegrityPresentation } from './formats/check-data-integrity-presentation.js';
import {
  checkAge,
  checkCredentialList,
  checkNonceAndAudience,
  credentialJwtOf,
  type CheckedPresentation,
} from './presentation-checks.js';
import { readInput, type ReadInput } from './read-input.js';
import { type ResolvedPolicy, type VerificationPolicy } from './verification-policy.js';
import { resolvePolicy } from './resolve-policy.js';
import {
  CheckLog,
  type VerifyCredentialResult,
  type VerifyPresentationResult,
} from './verification-result.js';
import { verifyCredentialUnderPolicy } from './verify-credential.js';

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

/**
 * The `holder` check of a presented credential: the holder is the subject of each subject entry
 * that has an `id` (VCDM 2.0 §4.8 allows several), and of at least one.
 */
function bindToHolder(result: VerifyCredentialResult, holder: string): VerifyCredentialResult {
  if (!result.credential) return result;
  const subjectIds = credentialSubjectsOf(result.credential)
    .map((subject) => subject.id)
    .filter((id) => id !== undefined);
  const check =
    subjectIds.length > 0 && subjectIds.every((id) => id === holder)
      ? { id: 'holder', ok: true }
      : {
          id: 'holder',
          ok: false,
          code: 'HOLDER_NOT_SUBJECT' as const,
          message: `the credential's subject ${subjectIds.map(String).join(', ') || '(none)'} is not the presentation's holder ${holder}`,
        };
  const checks = [...result.checks, check];
  const errors = checks.filter((entry) => !entry.ok);
  return { ...result, checks, errors, verified: errors.length === 0 };
}

/** A presentation as a JWT: VCDM 1.1 (`vp` claim) or VC-JOSE (`vp+jwt`, the payload is the VP). */
async function checkJwtPresentation(
  read: Extract<ReadInput, { kind: 'jwt' }>,
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedPresentation> {
  const enveloped = read.typ === 'vp+jwt' || read.typ === 'vp+ld+json+jwt';
  const signed = await checkJws(
    read.jwt,
    {
      allowedAlgorithms: policy.allowedAlgorithms,
      relationship: 'authentication',
      signerOf: ({ payload }) => {
        const holder = enveloped ? payload['holder'] : undefined;
        const named = isJsonObject(holder) ? holder['id'] : (holder ?? payload['iss']);
        return typeof named === 'string' ? named : undefined;
      },
      keys: policy.didResolver,
    },
    log,
  );
  if (!signed) return {};
  const holder = signed.did;
  const { payload } = signed.decoded;
  const vp = enveloped ? payload : payload['vp'];
  if (!isJsonObject(vp)) {
    log.fail('payload', 'PAYLOAD_INVALID', 'the payload holds no vp object');
    return { holder };
  }
  if (payload['iss'] !== undefined && payload['iss'] !== holder) {
    log.fail('payload', 'ISSUER_MISMATCH', 'the JWT iss is not the presentation holder');
    return { holder };
  }
  log.pass('payload');
  checkNonceAndAudience(payload['nonce'], payload['aud'], policy, log);
  checkAge(payload, policy.now().getTime() / 1000, policy, log);
  const entries = checkCredentialList(vp['verifiableCredential'], policy, log);
  checkOuterJson(read.outer, holder, entries ?? [], log);
  return entries ? { holder, entries } : { holder };
}

/**
 * Verifies a presentation and every credential in it: a JWT presentation (VCDM 1.1 `vp` claim or
 * VC-JOSE `vp+jwt`) or a Data Integrity one (`authentication` proof); the holder's signature,
 * nonce (`challenge`) and audience (`domain`), age, credential count and uniqueness, each
 * credential on its own in whichever format (as {@link verifyCredential}), and that the holder is
 * each credential's subject. The nonce is consumed through `policy.nonceStore` once the
 * signature, nonce and audience check out, so a replay fails with `NONCE_REPLAYED`. Never throws
 * for bad input.
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
  const { holder, entries } =
    read.kind === 'jwt'
      ? await checkJwtPresentation(read, policy, log)
      : await checkDataIntegrityPresentation(read.document, policy, log);
  if (!log.ok || !holder) return result(holder);

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
