import type { NoteVerifierKey } from '@skillproof/core';
import type { CheckCode } from '../check-codes.js';
import type { DidResolver } from '../did/create-did-resolver.js';
import type { VerificationKeyResolver } from '../verification-key.js';

/**
 * The keys an issuer's checkpoints may be signed with, or why there are none.
 */
export type LogVerifierKeys =
  { ok: true; keys: NoteVerifierKey[] } | { ok: false; code: CheckCode; message: string };

/**
 * The log's identity, as an issuer names its checkpoints and note key: its URL without the
 * scheme, then `/log` (C2SP tlog-tiles' layout for a log served at `<prefix>/log/`).
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
 * The keys an issuer's checkpoints may be signed with: the Ed25519 keys its DID document lists
 * under `assertionMethod` (a did:key's one key; a did:web's keys, older ones staying listed after
 * a rotation), each named as the log (`origin`, the C2SP note key name). Resolved through `dids`,
 * so a did:web document is fetched with the resolver's hardening and cache (a resolver without
 * `resolveDocument` gives the DID's single assertion key). Never throws.
 *
 * @example
 * ```ts
 * const keys = await logVerifierKeys('did:web:academy.example', 'academy.example/log', createDidResolver());
 * if (keys.ok) verifyCheckpoint(note, { origin, keys: keys.keys });
 * ```
 */
export async function logVerifierKeys(
  issuerDid: string,
  origin: string,
  dids: VerificationKeyResolver & Partial<Pick<DidResolver, 'resolveDocument'>>,
): Promise<LogVerifierKeys> {
  // A resolver of keys alone (a policy's own) gives the DID's one assertion key.
  let methods: string[] = [issuerDid];
  if (dids.resolveDocument) {
    const document = await dids.resolveDocument(issuerDid);
    if (!document.ok) return document;
    methods = (document.document.assertionMethod ?? []).map((method) =>
      typeof method === 'string' ? method : method.id,
    );
  }
  const keys: NoteVerifierKey[] = [];
  for (const id of methods) {
    const resolved = await dids.resolveKey(id, 'assertionMethod');
    // An Ed25519 key object's JWK holds the raw 32-byte key as `x` (RFC 8037 §2).
    const jwk = resolved.ok ? resolved.key.publicKey.export({ format: 'jwk' }) : undefined;
    if (jwk?.crv === 'Ed25519' && typeof jwk.x === 'string') {
      keys.push({ name: origin, publicKey: new Uint8Array(Buffer.from(jwk.x, 'base64url')) });
    }
  }
  if (keys.length === 0) {
    return {
      ok: false,
      code: 'KEY_NOT_FOUND',
      message: `${issuerDid.slice(0, 200)} lists no Ed25519 assertionMethod key to check its log with`,
    };
  }
  return { ok: true, keys };
}
