import type { CheckCode } from '../check-codes.js';
import type { DidDocument } from './did-document.js';
import { didKeyPublicKey } from './did-key-public-key.js';

/**
 * The DID document of an Ed25519 `did:key` DID, built locally (did:key v0.7 §3.1.1, Document
 * Creation Algorithm, with a Multikey verification method): one method
 * `did:key:z6Mk…#z6Mk…` of type `Multikey`, under authentication, assertionMethod,
 * capabilityInvocation and capabilityDelegation. Failures as {@link didKeyPublicKey}.
 *
 * @example
 * ```ts
 * const read = didKeyDocument('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
 * ```
 */
export function didKeyDocument(
  did: string,
): { ok: true; document: DidDocument } | { ok: false; code: CheckCode; message: string } {
  const read = didKeyPublicKey(did);
  if (!read.ok) return read;
  const { methodId, multibase } = read;
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
