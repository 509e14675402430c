import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { encodeBase58btc } from '@skillproof/core';

/** An Ed25519 key pair and its public key in the forms a DID document writes it. */
export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `z6Mk…`: multibase base58btc of multicodec ed25519-pub and the key. */
  multibase: string;
  /** The public JWK (`kty`, `crv`, `x`). */
  jwk: { kty: string; crv: string; x: string };
}

export function makeTestKey(): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
  const raw = Buffer.from(jwk.x, 'base64url');
  const multibase = `z${encodeBase58btc(Uint8Array.of(0xed, 0x01, ...raw))}`;
  return { publicKey, privateKey, multibase, jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } };
}

/** A Multikey verification method `#<name>` of `did` (relative id, as documents often write). */
export function multikeyMethod(did: string, key: TestKey, name = 'key-1'): Record<string, unknown> {
  return { id: `#${name}`, type: 'Multikey', controller: did, publicKeyMultibase: key.multibase };
}

/** A DID document whose methods are all listed under assertionMethod and authentication. */
export function didDocument(
  did: string,
  methods: readonly Record<string, unknown>[],
  overrides: Record<string, unknown> = {},
): string {
  const ids = methods.map((method) => method['id']);
  return JSON.stringify({
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
    ...overrides,
  });
}
