import { didOf } from '@skillproof/core';
import type * as DataIntegrity from '../data-integrity/index.js';
import type { ProofPurpose, ResolvedProofKey } from '../data-integrity/index.js';
import type { ResolvedPolicy } from '../verification-policy.js';

/**
 * The `resolveKey` of a Data Integrity proof that only `signer` may make: the verification
 * method must be one of the signer's DID (else `ISSUER_MISMATCH`: a proof by someone else's key)
 * and listed under the proof's purpose in the signer's DID document.
 */
export function signerKeyResolver(
  signer: string,
  policy: ResolvedPolicy,
): (verificationMethod: string, purpose: ProofPurpose) => Promise<ResolvedProofKey> {
  return async (verificationMethod, purpose) => {
    if (didOf(verificationMethod) !== signer) {
      return {
        ok: false,
        code: 'ISSUER_MISMATCH',
        message: `the proof is made with ${verificationMethod}, a key of another DID than ${signer}`,
      };
    }
    const found = await policy.didResolver.resolveKey(verificationMethod, purpose);
    return found.ok
      ? { ok: true, publicKey: found.key.publicKey, controller: found.key.controller }
      : found;
  };
}

/**
 * The Data Integrity module, imported on first use: JSON-LD processing is large, and a verifier
 * that only ever sees JWTs (the wallet's start-up, say) should not pay for loading it.
 */
export function loadDataIntegrity(): Promise<typeof DataIntegrity> {
  return import('../data-integrity/index.js');
}
