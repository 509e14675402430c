import {
  ed25519PublicKeyFromDidKey,
  SkillproofError,
  type NoteVerifierKey,
} from '@skillproof/core';
import { printable } from '../terminal/output.js';

/**
 * The log's identity, as the issuer names its checkpoints and note key: the issuer's URL
 * without its scheme, then `/log` (e.g. `academy.example/log`).
 *
 * @example
 * ```ts
 * logOrigin('https://academy.example'); // 'academy.example/log'
 * ```
 */
export function logOrigin(issuerUrl: string): string {
  const url = new URL(issuerUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}/log`;
}

/**
 * The keys an issuer's checkpoints may be signed with: its own Ed25519 key, named as the log
 * (`origin`). A did:key's key is read from the DID itself; a did:web's are its
 * `assertionMethod` keys, from its DID document (the verifier's resolver, with its hardening;
 * http only for an issuer on loopback).
 *
 * @throws SkillproofError `DID_UNSUPPORTED`, or `UPSTREAM_FAILED` when the did:web document
 * can't be had or lists no usable key.
 * @example
 * ```ts
 * const keys = await logVerifierKeys('did:key:z6Mk…', { origin: 'academy.example/log' });
 * ```
 */
export async function logVerifierKeys(
  issuerDid: string,
  options: { origin: string; now: () => Date; allowHttpLoopback?: boolean },
): Promise<NoteVerifierKey[]> {
  if (issuerDid.startsWith('did:key:')) {
    return [{ name: options.origin, publicKey: ed25519PublicKeyFromDidKey(issuerDid) }];
  }
  if (!issuerDid.startsWith('did:web:')) {
    throw new SkillproofError(
      'DID_UNSUPPORTED',
      `${printable(issuerDid)}: only did:key and did:web issuers are checked`,
    );
  }
  const { createDidResolver } = await import('@skillproof/verifier');
  const dids = createDidResolver({
    now: options.now,
    allowHttpLoopback: options.allowHttpLoopback ?? false,
  });
  const document = await dids.resolveDocument(issuerDid);
  if (!document.ok) throw new SkillproofError('UPSTREAM_FAILED', document.message);
  const keys: NoteVerifierKey[] = [];
  for (const method of document.document.assertionMethod ?? []) {
    const id = typeof method === 'string' ? method : method.id;
    const resolved = await dids.resolveKey(id, 'assertionMethod');
    // An Ed25519 key object's JWK holds the raw 32-byte key as `x` (RFC 8037 §2).
    const jwk = resolved.ok ? resolved.key.publicKey.export({ format: 'jwk' }) : undefined;
    if (jwk?.crv === 'Ed25519' && typeof jwk.x === 'string') {
      keys.push({
        name: options.origin,
        publicKey: new Uint8Array(Buffer.from(jwk.x, 'base64url')),
      });
    }
  }
  if (keys.length === 0) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${printable(issuerDid)} lists no Ed25519 key to check its log with`,
    );
  }
  return keys;
}
