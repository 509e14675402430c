import { didOf } from '@skillproof/core';
import { createDidResolver } from '../did/create-did-resolver.js';
import type { ProofPurpose, ResolvedProofKey } from './check-data-integrity-proof.js';

// did:key needs no network and no cache worth keeping apart: one resolver serves every call.
const didKeys = createDidResolver();

/**
 * A `resolveKey` for `did:key` Ed25519 verification methods alone, through the verifier's DID
 * resolver. did:key v0.7 §3.1.2: the one verification method of `did:key:z6Mk…` is
 * `did:key:z6Mk…#z6Mk…`, and it serves every purpose; any other fragment is `KEY_NOT_FOUND`,
 * any other DID method `DID_UNSUPPORTED`.
 *
 * @example
 * ```ts
 * await checkDataIntegrityProof(credential, { ...options, resolveKey: resolveDidKeyProofKey }, log);
 * ```
 */
export async function resolveDidKeyProofKey(
  verificationMethod: string,
  purpose: ProofPurpose = 'assertionMethod',
): Promise<ResolvedProofKey> {
  if (!didOf(verificationMethod).startsWith('did:key:')) {
    return { ok: false, code: 'DID_UNSUPPORTED', message: 'only did:key verification methods' };
  }
  const found = await didKeys.resolveKey(verificationMethod, purpose);
  return found.ok
    ? { ok: true, publicKey: found.key.publicKey, controller: found.key.controller }
    : found;
}
