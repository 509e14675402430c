import { decodeBase58btc, encodeBase58btc } from './base58btc.js';
import { SkillproofError } from './skillproof-error.js';

// did:key v0.7 §2: the method-specific id is multibase base58btc ("z") of the multicodec
// varint 0xed 0x01 (ed25519-pub) followed by the 32-byte public key.
const ed25519Prefix = Uint8Array.of(0xed, 0x01);
const didKeyPattern = /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/;

/** The DID part of a DID URL (drops `#fragment`, `?query` and `/path`). */
export function didOf(didUrl: string): string {
  return didUrl.split(/[#?/]/, 1)[0] as string;
}

/**
 * The raw 32-byte Ed25519 public key of a `did:key` DID.
 *
 * @throws SkillproofError `DID_UNSUPPORTED` for any other method or key type.
 * @example
 * ```ts
 * const publicKey = ed25519PublicKeyFromDidKey('did:key:z6Mk…');
 * ```
 */
export function ed25519PublicKeyFromDidKey(did: string): Uint8Array {
  // An Ed25519 did:key is 56 characters; refusing long ones before base58 decoding (quadratic
  // in the length) keeps a hostile DID from costing seconds.
  if (typeof did === 'string' && did.length > 128) {
    throw new SkillproofError('DID_UNSUPPORTED', 'the DID is too long to be an Ed25519 did:key');
  }
  if (typeof did !== 'string' || !didKeyPattern.test(did)) {
    throw new SkillproofError(
      'DID_UNSUPPORTED',
      'only did:key DIDs with an Ed25519 key are supported',
    );
  }
  const bytes = decodeBase58btc(did.slice('did:key:z'.length));
  if (
    !bytes ||
    bytes.length !== 34 ||
    bytes[0] !== ed25519Prefix[0] ||
    bytes[1] !== ed25519Prefix[1]
  ) {
    throw new SkillproofError(
      'DID_UNSUPPORTED',
      'only did:key DIDs with an Ed25519 key are supported',
    );
  }
  return bytes.slice(2);
}

/** The `did:key` DID of a raw 32-byte Ed25519 public key. */
export function didKeyFromEd25519PublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  const bytes = new Uint8Array(34);
  bytes.set(ed25519Prefix);
  bytes.set(publicKey, 2);
  return `did:key:z${encodeBase58btc(bytes)}`;
}
