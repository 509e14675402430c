import { isJsonObject, type W3cCredential } from '@skillproof/core';
import {
  checkCredentialShape,
  checkCredentialValidity,
  checkIssuerTrust,
  isDataModel2,
  issuerIdOf,
  validityPeriodOf,
} from '../check-credential-content.js';
import { checkIssuerJws } from '../check-jws.js';
import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';
import type { CheckedCredential } from './checked-credential.js';

/** The JWS `typ` of a VC-JOSE credential (VC-JOSE-COSE §3.1.1), and its earlier draft's. */
export const vcJoseTypes: ReadonlySet<unknown> = new Set(['vc+jwt', 'vc+ld+json+jwt']);

/**
 * A VC-JOSE credential (`vc+jwt`, W3C VC-JOSE-COSE §3.1.1): the JWT payload is the VCDM 2.0
 * credential itself, signed by a key its issuer's DID document lists under `assertionMethod`.
 * The same checks as a VCDM 1.1 JWT: alg allow-list, no `crit`, a `kid` of the issuer, the
 * JWT's `iss` (if any) equal to the credential's issuer, `nbf`/`exp` and
 * `validFrom`/`validUntil`, and the issuer's trust.
 */
export async function checkVcJoseCredential(
  jwt: string,
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedCredential> {
  const signed = await checkIssuerJws(jwt, ({ payload }) => issuerIdOf(payload), policy, log);
  if (!signed) return { format: 'vc+jwt', jwt };
  const { header, payload } = signed.decoded;
  const checked: CheckedCredential = { format: 'vc+jwt', jwt, issuer: signed.did };
  if (!vcJoseTypes.has(header.typ)) {
    log.fail('payload', 'PAYLOAD_INVALID', `typ must be vc+jwt, not ${String(header.typ)}`);
    return checked;
  }
  if (payload['iss'] !== undefined && payload['iss'] !== signed.did) {
    log.fail('payload', 'ISSUER_MISMATCH', 'the JWT iss is not the credential issuer');
    return checked;
  }
  // The payload is the credential; the JOSE claims beside it are not part of it.
  const { iss: _iss, nbf: _nbf, exp: _exp, iat: _iat, cnf: _cnf, ...credential } = payload;
  if (!isDataModel2(credential)) {
    log.fail(
      'payload',
      'PAYLOAD_INVALID',
      'a vc+jwt credential is VCDM 2.0: its first @context is https://www.w3.org/ns/credentials/v2',
    );
    return checked;
  }
  checked.credential = credential as W3cCredential;
  if (credential['credentialStatus'] !== undefined)
    checked.credentialStatus = credential['credentialStatus'];
  if (!checkCredentialShape(credential, log)) return checked;
  const notAfter = checkCredentialValidity(validityPeriodOf(payload, credential), policy, log);
  if (notAfter !== undefined) checked.notAfterSeconds = notAfter;
  checkIssuerTrust(checked.credential, signed.did, policy, log);
  return checked;
}

/** Whether an object is an `EnvelopedVerifiableCredential`. */
export function isEnvelope(value: unknown): value is Record<string, unknown> {
  if (!isJsonObject(value)) return false;
  const types = value['type'];
  return (
    types === 'EnvelopedVerifiableCredential' ||
    (Array.isArray(types) && types.includes('EnvelopedVerifiableCredential'))
  );
}

/** The JWT inside an `EnvelopedVerifiableCredential` (VCDM 2.0 §4.13), or undefined. */
export function envelopedJwtOf(envelope: Record<string, unknown>): string | undefined {
  const id = envelope['id'];
  if (!isEnvelope(envelope) || typeof id !== 'string') return undefined;
  const match = /^data:application\/(?:vc\+jwt|vc\+ld\+json\+jwt)(?:;[^,]*)?,(.+)$/.exec(id);
  return match?.[1];
}
