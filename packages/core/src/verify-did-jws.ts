import type { KeyObject } from 'node:crypto';
import { didOf } from './did-key.js';
import { publicKeyObjectForDidKey, verifyEd25519 } from './ed25519.js';
import { decodeJwt, type DecodedJwt } from './jwt.js';
import { isSkillproofError } from './skillproof-error.js';

/** Why a JWS was refused; stable codes, reported by the verifier as check codes. */
export type JwsFailureCode =
  | 'JWT_MALFORMED'
  | 'ALG_NOT_ALLOWED'
  | 'CRIT_UNSUPPORTED'
  | 'ISSUER_MISSING'
  | 'DID_UNSUPPORTED'
  | 'KID_MISMATCH'
  | 'SIGNATURE_INVALID';

/** Outcome of {@link verifyDidJws}: never thrown, always returned. */
export type VerifyDidJwsResult =
  | { ok: true; decoded: DecodedJwt; did: string }
  | { ok: false; code: JwsFailureCode; message: string; decoded?: DecodedJwt };

/** Options for {@link verifyDidJws}. */
export interface VerifyDidJwsOptions {
  /** JWS `alg` values accepted. Default `['EdDSA']`; `none` and HMAC are never accepted. */
  allowedAlgorithms?: readonly string[];
  /** Resolves a DID to its Ed25519 key. Default: did:key, decoded locally. */
  resolveKey?: (did: string) => KeyObject;
}

// RFC 7515 §4.1.11: a recipient must reject a JWS whose `crit` names an extension it does not
// understand. Skillproof understands none.
const neverAllowed = new Set(['none', 'HS256', 'HS384', 'HS512']);

/**
 * Verifies a compact JWS signed by the DID in its `iss` claim: `alg` on the allow-list, no
 * `crit`, a `kid` (if any) that belongs to `iss`, and an Ed25519 signature by that DID's key.
 * Claims (dates, nonce, audience) are the caller's to check.
 *
 * @example
 * ```ts
 * const result = verifyDidJws(jwt);
 * if (!result.ok) console.log(result.code, result.message);
 * ```
 */
export function verifyDidJws(jwt: unknown, options: VerifyDidJwsOptions = {}): VerifyDidJwsResult {
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwt(jwt);
  } catch (error) {
    return {
      ok: false,
      code: 'JWT_MALFORMED',
      message: isSkillproofError(error) ? error.message : 'not a JWT',
    };
  }
  const { header, payload } = decoded;
  const allowed = options.allowedAlgorithms ?? ['EdDSA'];
  if (
    typeof header.alg !== 'string' ||
    neverAllowed.has(header.alg) ||
    !allowed.includes(header.alg)
  ) {
    return {
      ok: false,
      code: 'ALG_NOT_ALLOWED',
      message: `alg ${String(header.alg)} is not allowed`,
      decoded,
    };
  }
  if (header.crit !== undefined) {
    return {
      ok: false,
      code: 'CRIT_UNSUPPORTED',
      message: 'the header names critical extensions',
      decoded,
    };
  }
  const did = payload['iss'];
  if (typeof did !== 'string' || !did.startsWith('did:')) {
    return { ok: false, code: 'ISSUER_MISSING', message: 'iss is not a DID', decoded };
  }
  if (header.kid !== undefined && (typeof header.kid !== 'string' || didOf(header.kid) !== did)) {
    return { ok: false, code: 'KID_MISMATCH', message: 'kid does not belong to iss', decoded };
  }
  let publicKey: KeyObject;
  try {
    publicKey = (options.resolveKey ?? publicKeyObjectForDidKey)(did);
  } catch (error) {
    return {
      ok: false,
      code: 'DID_UNSUPPORTED',
      message: isSkillproofError(error) ? error.message : `cannot resolve ${did}`,
      decoded,
    };
  }
  if (!verifyEd25519(Buffer.from(decoded.signingInput, 'ascii'), decoded.signature, publicKey)) {
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      message: `the signature is not by ${did}`,
      decoded,
    };
  }
  return { ok: true, decoded, did };
}
