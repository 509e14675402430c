import { didOf, publicKeyObjectForDidKey } from '@skillproof/core';
import type { ResolvedProofKey } from './check-data-integrity-proof.js';

/**
 * A `resolveKey` for `did:key` Ed25519 verification methods. did:key v0.7 §3.1.2: the one
 * verification method of `did:key:z6Mk…` is `did:key:z6Mk…#z6Mk…`, and it serves every purpose;
 * any other fragment, or another DID method, is refused (`KID_MISMATCH`, `DID_UNSUPPORTED`).
 *
 * @example
 * ```ts
 * await checkDataIntegrityProof(credential, { ...options, resolveKey: resolveDidKeyProofKey }, log);
 * ```
 */
export async function resolveDidKeyProofKey(verificationMethod: string): Promise<ResolvedProofKey> {
  const did = didOf(verificationMethod);
  if (!did.startsWith('did:key:')) {
    return { ok: false, code: 'DID_UNSUPPORTED', message: 'only did:key verification methods' };
  }
  if (verificationMethod !== `${did}#${did.slice('did:key:'.length)}`) {
    return {
      ok: false,
      code: 'KID_MISMATCH',
      message: 'a did:key verification method is the DID, "#" and its key',
    };
  }
  try {
    return { ok: true, publicKey: publicKeyObjectForDidKey(did), controller: did };
  } catch {
    return { ok: false, code: 'DID_UNSUPPORTED', message: 'only Ed25519 did:key DIDs' };
  }
}
