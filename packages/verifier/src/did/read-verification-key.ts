import type { KeyObject } from 'node:crypto';
import { decodeBase58btc, decodeBase64url, ed25519KeyObject, isJsonObject } from '@skillproof/core';
import type { VerificationMethod } from './did-document.js';

// Multicodec ed25519-pub (0xed) as an unsigned varint: 0xed 0x01. Controlled Identifiers v1.0
// §2.2.2 (Multikey) and Ed25519VerificationKey2020 both write it before the 32-byte key.
const ed25519PubPrefix = [0xed, 0x01] as const;

function fromMultibase(method: VerificationMethod): Uint8Array | string {
  const multibase = method.publicKeyMultibase;
  if (typeof multibase !== 'string')
    return `${method.id} (${method.type}) has no publicKeyMultibase`;
  // An Ed25519 key is 48 characters of base58btc; a longer one is refused before decoding,
  // which is quadratic in the length.
  if (!multibase.startsWith('z') || multibase.length > 64) {
    return `${method.id}: publicKeyMultibase is not a base58btc ("z") Ed25519 key`;
  }
  const bytes = decodeBase58btc(multibase.slice(1));
  if (
    !bytes ||
    bytes.length !== 34 ||
    bytes[0] !== ed25519PubPrefix[0] ||
    bytes[1] !== ed25519PubPrefix[1]
  ) {
    return `${method.id}: publicKeyMultibase is not an Ed25519 public key (multicodec 0xed01 and 32 bytes)`;
  }
  return bytes.slice(2);
}

function fromJwk(method: VerificationMethod): Uint8Array | string {
  const jwk = method.publicKeyJwk;
  if (!isJsonObject(jwk)) return `${method.id} (${method.type}) has no publicKeyJwk`;
  // A JWK with `d` is a private key: whoever published it has given the key away.
  if ('d' in jwk) return `${method.id}: publicKeyJwk holds a private key ("d"); it is refused`;
  // RFC 8037 §2: an Ed25519 public key is kty OKP, crv Ed25519, x the 32 bytes in base64url.
  if (jwk['kty'] !== 'OKP' || jwk['crv'] !== 'Ed25519') {
    return `${method.id}: publicKeyJwk is not an Ed25519 key (kty OKP, crv Ed25519)`;
  }
  const x = typeof jwk['x'] === 'string' ? decodeBase64url(jwk['x']) : undefined;
  if (!x || x.length !== 32) return `${method.id}: publicKeyJwk x is not 32 bytes of base64url`;
  return x;
}

const readers: Record<string, (method: VerificationMethod) => Uint8Array | string> = {
  Multikey: fromMultibase,
  Ed25519VerificationKey2020: fromMultibase,
  JsonWebKey2020: fromJwk,
  JsonWebKey: fromJwk,
};

/**
 * The Ed25519 public key of a verification method controlled by `did`, as a Node `KeyObject`.
 * Read: `Multikey` and `Ed25519VerificationKey2020` (publicKeyMultibase, multicodec
 * ed25519-pub), `JsonWebKey2020` and `JsonWebKey` (publicKeyJwk, OKP Ed25519, no `d`). Returns
 * why the method can't be used, or the key.
 *
 * @example
 * ```ts
 * const key = readVerificationKey(method, 'did:web:example.com');
 * if (typeof key !== 'string') verifyEd25519(message, signature, key);
 * ```
 */
export function readVerificationKey(method: VerificationMethod, did: string): KeyObject | string {
  // DID Core §5.2: the controller is who may use the key; a method of someone else's, listed in
  // this document, does not speak for this DID.
  if (method.controller !== did) {
    return `${method.id} is controlled by ${method.controller.slice(0, 200)}, not ${did}`;
  }
  const read = Object.hasOwn(readers, method.type) ? readers[method.type] : undefined;
  if (!read) {
    return `${method.id} is of type ${JSON.stringify(method.type.slice(0, 100))}, which is not supported (Multikey, Ed25519VerificationKey2020, JsonWebKey2020, JsonWebKey)`;
  }
  const key = read(method);
  return typeof key === 'string' ? key : ed25519KeyObject(key);
}
