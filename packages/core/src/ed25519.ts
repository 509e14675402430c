import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { encodeBase64url } from './base64url.js';
import { ed25519PublicKeyFromDidKey } from './did-key.js';
import { encodeJwtSigningInput } from './jwt.js';

// Resolving a did:key is pure (the key is in the DID), so caching it changes no answer; the
// bound keeps a stream of one-off DIDs from growing the cache without limit.
const maxCachedKeys = 10_000;
const keyObjectByDid = new Map<string, KeyObject>();

/** A Node `KeyObject` for a raw 32-byte Ed25519 public key. */
export function ed25519KeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(publicKey) },
    format: 'jwk',
  });
}

/**
 * The Ed25519 public key of a `did:key` DID as a Node `KeyObject`, cached.
 *
 * @throws SkillproofError `DID_UNSUPPORTED` for any other DID.
 */
export function publicKeyObjectForDidKey(did: string): KeyObject {
  let keyObject = keyObjectByDid.get(did);
  if (!keyObject) {
    keyObject = ed25519KeyObject(ed25519PublicKeyFromDidKey(did));
    if (keyObjectByDid.size >= maxCachedKeys) keyObjectByDid.clear();
    keyObjectByDid.set(did, keyObject);
  }
  return keyObject;
}

/**
 * Verifies an Ed25519 signature (RFC 8032) with Node's crypto; never throws on a bad signature.
 *
 * @example
 * ```ts
 * verifyEd25519(Buffer.from(signingInput), signature, publicKeyObjectForDidKey(did));
 * ```
 */
export function verifyEd25519(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

/**
 * Signs a JWT with an Ed25519 private key (`alg: EdDSA`). Used by tests and tools; services sign
 * through the Veramo agent, which holds the keys.
 */
export function signEd25519Jwt(header: object, payload: object, privateKey: KeyObject): string {
  const signingInput = encodeJwtSigningInput(header, payload);
  const signature = sign(null, Buffer.from(signingInput), privateKey);
  return `${signingInput}.${encodeBase64url(signature)}`;
}
