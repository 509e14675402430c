import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import {
  decodeBase58btc,
  didKeyFromEd25519PublicKey,
  ed25519PublicKeyFromDidKey,
  encodeBase58btc,
  type SkillproofError,
} from '@skillproof/core';

describe('did:key', () => {
  it('round-trips an Ed25519 public key', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    const did = didKeyFromEd25519PublicKey(raw);
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(Buffer.from(ed25519PublicKeyFromDidKey(did))).toEqual(raw);
  });

  it('decodes the did:key spec example to its key', () => {
    // did:key v0.7 §3 test vector: an Ed25519 key.
    const did = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
    expect(ed25519PublicKeyFromDidKey(did)).toHaveLength(32);
    expect(didKeyFromEd25519PublicKey(ed25519PublicKeyFromDidKey(did))).toBe(did);
  });

  it.each([
    'did:web:example.com',
    'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW0', // 0 is not base58
    'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', // secp256k1
    'did:key:z6Mk',
    // an X25519 key (multicodec 0xec01) is not a signing key
    `did:key:z${encodeBase58btc(Uint8Array.of(0xec, 0x01, ...new Uint8Array(32).fill(7)))}`,
  ])('refuses %s with DID_UNSUPPORTED', (did) => {
    expect(() => ed25519PublicKeyFromDidKey(did)).toThrow(
      expect.objectContaining({ code: 'DID_UNSUPPORTED' }) as unknown as SkillproofError,
    );
  });

  it('refuses a very long DID before decoding it', () => {
    expect(() => ed25519PublicKeyFromDidKey(`did:key:z${'z'.repeat(60_000)}`)).toThrow(
      expect.objectContaining({
        code: 'DID_UNSUPPORTED',
        message: 'the DID is too long to be an Ed25519 did:key',
      }) as unknown as SkillproofError,
    );
  });

  it('base58btc keeps leading zero bytes', () => {
    const bytes = Uint8Array.of(0, 0, 1, 2, 255);
    expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
  });
});
