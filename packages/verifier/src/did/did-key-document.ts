import { ed25519PublicKeyFromDidKey } from '@skillproof/core';
import type { CheckCode } from '../check-codes.js';
import type { DidDocument } from './did-document.js';

const didKeyPattern = /^did:key:z[1-9A-HJ-NP-Za-km-z]{1,100}$/;

/**
 * The DID document of an Ed25519 `did:key` DID, built locally (did:key v0.7 §3.1.1, Document
 * Creation Algorithm, with a Multikey verification method): one method
 * `did:key:z6Mk…#z6Mk…` of type `Multikey`, under authentication, assertionMethod,
 * capabilityInvocation and capabilityDelegation. Returns `DID_INVALID` for a DID that is not a
 * did:key at all and `DID_UNSUPPORTED` for a did:key of another key type.
 *
 * @example
 * ```ts
 * const read = didKeyDocument('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
 * ```
 */
export function didKeyDocument(
  did: string,
): { ok: true; document: DidDocument } | { ok: false; code: CheckCode; message: string } {
  if (!didKeyPattern.test(did)) {
    return {
      ok: false,
      code: 'DID_INVALID',
      message: `${did.slice(0, 200)} is not a valid did:key DID (did:key:z followed by base58btc)`,
    };
  }
  try {
    // Validates the multicodec and length; the key object itself comes from core's cache later.
    ed25519PublicKeyFromDidKey(did);
  } catch {
    return {
      ok: false,
      code: 'DID_UNSUPPORTED',
      message: `${did} is not an Ed25519 did:key (z6Mk…); no other key type is supported`,
    };
  }
  const multibase = did.slice('did:key:'.length);
  const methodId = `${did}#${multibase}`;
  return {
    ok: true,
    document: {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        { id: methodId, type: 'Multikey', controller: did, publicKeyMultibase: multibase },
      ],
      authentication: [methodId],
      assertionMethod: [methodId],
      capabilityInvocation: [methodId],
      capabilityDelegation: [methodId],
    },
  };
}
