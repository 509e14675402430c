import type { KeyObject } from 'node:crypto';
import { publicKeyObjectForDidKey } from '@skillproof/core';
import type { CheckCode } from '../check-codes.js';

// did:key v0.7 §2: did:key:z followed by base58btc. Ed25519 keys are 48 characters; the bound
// keeps the (quadratic) base58 decoding of a hostile DID cheap.
const didKeyPattern = /^did:key:z[1-9A-HJ-NP-Za-km-z]{1,100}$/;

/**
 * The Ed25519 key of a `did:key` DID and the id of its one verification method
 * (`did:key:z6Mk…#z6Mk…`), through core's decoding and KeyObject cache: no document is built.
 * Returns `DID_INVALID` for a DID that is not a did:key at all and `DID_UNSUPPORTED` for a
 * did:key of another key type.
 *
 * @example
 * ```ts
 * const read = didKeyPublicKey('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
 * if (read.ok) verifyEd25519(message, signature, read.publicKey);
 * ```
 */
export function didKeyPublicKey(
  did: string,
):
  | { ok: true; publicKey: KeyObject; methodId: string; multibase: string }
  | { ok: false; code: CheckCode; message: string } {
  if (!didKeyPattern.test(did)) {
    return {
      ok: false,
      code: 'DID_INVALID',
      message: `${did.slice(0, 200)} is not a valid did:key DID (did:key:z followed by base58btc)`,
    };
  }
  let publicKey: KeyObject;
  try {
    publicKey = publicKeyObjectForDidKey(did);
  } catch {
    return {
      ok: false,
      code: 'DID_UNSUPPORTED',
      message: `${did} is not an Ed25519 did:key (z6Mk…); no other key type is supported`,
    };
  }
  const multibase = did.slice('did:key:'.length);
  return { ok: true, publicKey, methodId: `${did}#${multibase}`, multibase };
}
