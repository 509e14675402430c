import {
  canonicalJson,
  credentialFromJwtPayload,
  isJsonObject,
  isSkillproofError,
  type W3cCredential,
} from '@skillproof/core';
import {
  checkCredentialShape,
  checkCredentialValidity,
  checkIssuerTrust,
  validityPeriodOf,
} from '../check-credential-content.js';
import { checkIssuerJws } from '../check-jws.js';
import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';
import type { CheckedCredential } from './checked-credential.js';

/**
 * Names the top-level fields where the outer JSON and the signed credential differ. Veramo and
 * did-jwt-vc keep the JWT's own claims (`iat`, `aud`, `nonce`, even `vc`, `iss`, `sub` when asked
 * to keep original fields) beside the W3C fields; such a field agrees when it equals that claim.
 */
function differingFields(
  outer: Record<string, unknown>,
  signed: W3cCredential,
  payload: Record<string, unknown>,
): string[] {
  const { proof: _proof, ...unsigned } = outer;
  if (typeof unsigned['issuer'] === 'string') unsigned['issuer'] = { id: unsigned['issuer'] };
  const keys = new Set([...Object.keys(unsigned), ...Object.keys(signed)]);
  return [...keys]
    .filter((key) => {
      const given = canonicalJson(unsigned[key]);
      if (given === canonicalJson(signed[key])) return false;
      return !(key in payload && !(key in signed) && given === canonicalJson(payload[key]));
    })
    .sort();
}

/**
 * A VCDM 1.1 credential as a JWT (`jwt_vc_json`, VCDM 1.1 §6.3.1): the JWS by the `iss` DID's
 * assertion key, a `vc` payload whose issuer is `iss`, the outer JSON (if given) equal to the
 * signed payload, the validity period and the issuer's trust.
 */
export async function checkJwtVcCredential(
  jwt: string,
  outer: Record<string, unknown> | undefined,
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<CheckedCredential> {
  const signed = await checkIssuerJws(
    jwt,
    ({ payload }) => (typeof payload['iss'] === 'string' ? payload['iss'] : undefined),
    policy,
    log,
  );
  if (!signed) return { format: 'jwt_vc_json', jwt };
  const { payload } = signed.decoded;
  const vc = payload['vc'];
  if (!isJsonObject(vc) || vc['credentialSubject'] === undefined) {
    log.fail(
      'payload',
      'PAYLOAD_INVALID',
      'the payload holds no vc object with a credentialSubject',
    );
    return { format: 'jwt_vc_json', jwt };
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
    return { format: 'jwt_vc_json', jwt };
  }
  const checked: CheckedCredential = {
    format: 'jwt_vc_json',
    credential,
    jwt,
    issuer: signed.did,
  };
  if (vc['credentialStatus'] !== undefined) checked.credentialStatus = vc['credentialStatus'];
  if (!checkCredentialShape(vc, log)) return checked;

  if (outer) {
    const differing = differingFields(outer, credential, payload);
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
  const notAfter = checkCredentialValidity(validityPeriodOf(payload, vc, 'vc.'), policy, log);
  if (notAfter !== undefined) checked.notAfterSeconds = notAfter;
  checkIssuerTrust(credential, signed.did, policy, log);
  return checked;
}
