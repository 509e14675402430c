import { SkillproofError, type NoteVerifierKey } from '@skillproof/core';
import { printable } from '../terminal/output.js';

export { logOrigin } from '@skillproof/verifier';

/**
 * The keys an issuer's checkpoints may be signed with: the verifier's `logVerifierKeys` (its
 * DID document's Ed25519 `assertionMethod` keys, named as the log `origin`), through the
 * verifier's DID resolver with its hardening (http only for an issuer on loopback).
 *
 * @throws SkillproofError `DID_UNSUPPORTED` for a DID that is neither did:key nor did:web, or
 * `UPSTREAM_FAILED` when the did:web document can't be had or lists no usable key.
 * @example
 * ```ts
 * const keys = await logVerifierKeys('did:key:z6Mk…', { origin: 'academy.example/log', now });
 * ```
 */
export async function logVerifierKeys(
  issuerDid: string,
  options: { origin: string; now: () => Date; allowHttpLoopback?: boolean },
): Promise<NoteVerifierKey[]> {
  if (!issuerDid.startsWith('did:key:') && !issuerDid.startsWith('did:web:')) {
    throw new SkillproofError(
      'DID_UNSUPPORTED',
      `${printable(issuerDid)}: only did:key and did:web issuers are checked`,
    );
  }
  const verifier = await import('@skillproof/verifier');
  const dids = verifier.createDidResolver({
    now: options.now,
    allowHttpLoopback: options.allowHttpLoopback ?? false,
  });
  const keys = await verifier.logVerifierKeys(issuerDid, options.origin, dids);
  if (!keys.ok) throw new SkillproofError('UPSTREAM_FAILED', printable(keys.message));
  return keys.keys;
}
