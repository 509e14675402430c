import {
  decodeJwt,
  didOf,
  isSkillproofError,
  verifyEd25519,
  type DecodedJwt,
} from '@skillproof/core';
import type { ResolvedPolicy } from './verification-policy.js';
import type { CheckLog } from './verification-result.js';
import type {
  ResolvedVerificationKey,
  VerificationKeyResolver,
  VerificationRelationship,
} from './verification-key.js';

/** What {@link checkJws} needs to know about the JWS it checks. */
export interface CheckJwsOptions {
  allowedAlgorithms: readonly string[];
  /** The relationship the signing key must be listed under in the signer's DID document. */
  relationship: VerificationRelationship;
  /** The DID that must have signed, read from the (not yet verified) JWT; undefined if none. */
  signerOf: (decoded: DecodedJwt) => string | undefined;
  keys: VerificationKeyResolver;
}

/** A JWS whose header and signature checked out. */
export interface CheckedJws {
  decoded: DecodedJwt;
  /** The signer's DID. */
  did: string;
  key: ResolvedVerificationKey;
}

// RFC 7515 §4.1.11: a recipient must reject a JWS whose `crit` names an extension it does not
// understand. We understand none. `none` and HMAC can never prove who signed.
const neverAllowed = new Set(['none', 'HS256', 'HS384', 'HS512']);

/**
 * The `jws` and `signature` checks of a compact JWS: `alg` on the allow-list, no `crit`, a `kid`
 * (if any) that is a verification method of the signer, and an Ed25519 signature by a key the
 * signer's DID document lists under `options.relationship`. Returns the decoded JWS when both
 * pass; never throws for bad input.
 */
export async function checkJws(
  jwt: string,
  options: CheckJwsOptions,
  log: CheckLog,
): Promise<CheckedJws | undefined> {
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwt(jwt);
  } catch (error) {
    log.fail('jws', 'JWT_MALFORMED', isSkillproofError(error) ? error.message : 'not a JWT');
    return undefined;
  }
  const { header } = decoded;
  const alg = header.alg;
  if (
    typeof alg !== 'string' ||
    neverAllowed.has(alg) ||
    !options.allowedAlgorithms.includes(alg)
  ) {
    log.fail('jws', 'ALG_NOT_ALLOWED', `alg ${String(alg)} is not allowed`);
    return undefined;
  }
  if (header.crit !== undefined) {
    log.fail('jws', 'CRIT_UNSUPPORTED', 'the header names critical extensions');
    return undefined;
  }
  const did = options.signerOf(decoded);
  if (did === undefined || !did.startsWith('did:')) {
    log.fail('jws', 'ISSUER_MISSING', 'the signer is not named by a DID');
    return undefined;
  }
  let reference = did;
  if (header.kid !== undefined) {
    const kid = header.kid;
    // A relative kid (`#key-1`) names a method of the signer; an absolute one must be the signer's.
    const absolute = typeof kid === 'string' && kid.startsWith('#') ? `${did}${kid}` : kid;
    if (typeof absolute !== 'string' || didOf(absolute) !== did) {
      log.fail('jws', 'KID_MISMATCH', `kid does not belong to ${did}`);
      return undefined;
    }
    reference = absolute;
  }
  log.pass('jws');
  const found = await options.keys.resolveKey(reference, options.relationship);
  if (!found.ok) {
    log.fail('signature', found.code, found.message);
    return undefined;
  }
  if (
    !verifyEd25519(
      Buffer.from(decoded.signingInput, 'ascii'),
      decoded.signature,
      found.key.publicKey,
    )
  ) {
    log.fail('signature', 'SIGNATURE_INVALID', `the signature is not by ${did}`);
    return undefined;
  }
  log.pass('signature');
  return { decoded, did, key: found.key };
}

/**
 * {@link checkJws} for a credential: signed by `signerOf`'s DID with a key its document lists
 * under `assertionMethod`, under the policy's algorithms and DID resolver.
 */
export function checkIssuerJws(
  jwt: string,
  signerOf: CheckJwsOptions['signerOf'],
  policy: Pick<ResolvedPolicy, 'allowedAlgorithms' | 'didResolver'>,
  log: CheckLog,
): Promise<CheckedJws | undefined> {
  return checkJws(
    jwt,
    {
      allowedAlgorithms: policy.allowedAlgorithms,
      relationship: 'assertionMethod',
      signerOf,
      keys: policy.didResolver,
    },
    log,
  );
}
