import { createHash } from 'node:crypto';
import { ed25519KeyObject, verifyEd25519 } from '../ed25519.js';
import { decodeBase64, encodeBase64 } from './base64-standard.js';

/** C2SP signed-note: the signature type byte of an Ed25519 note signature. */
const ed25519SignatureType = 0x01;
/** A note we read is at most this long (C2SP signed-note: verifiers SHOULD bound it). */
const maxNoteLength = 64 * 1024;
/** C2SP signed-note: verifiers MUST accept at least 16 signatures. */
const maxSignatures = 64;
const emDash = '\u2014';

/** An Ed25519 key a note may be signed by: its name and 32-byte public key. */
export interface NoteVerifierKey {
  /** The key name of its signature lines (for a log: its checkpoint origin). */
  name: string;
  publicKey: Uint8Array;
}

/** One signature line of a note, as read. */
export interface NoteSignature {
  name: string;
  /** The 4-byte key ID, as an unsigned 32-bit number. */
  keyId: number;
  /** The signature bytes after the key ID. */
  signature: Uint8Array;
}

/** A signed note split into its text (ending with a newline) and its signature lines. */
export interface SignedNote {
  text: string;
  signatures: NoteSignature[];
}

/** The outcome of {@link verifySignedNote}. */
export type VerifySignedNoteResult =
  | { verified: true; text: string; verifiedBy: string[] }
  | {
      verified: false;
      code: 'NOTE_MALFORMED' | 'NOTE_SIGNATURE_INVALID' | 'NOTE_UNKNOWN_KEY';
      message: string;
    };

function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/**
 * The key ID of an Ed25519 key of signature type `type` (C2SP signed-note §Signatures):
 * `SHA-256(key name || 0x0A || type || public key)[:4]` as a big-endian uint32. Note keys are
 * type 0x01; witnesses' cosignature/v1 keys 0x04 (C2SP tlog-cosignature).
 */
export function keyIdOfType(name: string, type: number, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, type))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

/**
 * The key ID of an Ed25519 note key, C2SP signed-note §Ed25519 signatures:
 * `SHA-256(key name || 0x0A || 0x01 || public key)[:4]` as a big-endian uint32.
 *
 * @example
 * ```ts
 * noteKeyId('example.com/foo', publicKey).toString(16); // '530d903a'
 * ```
 */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  return keyIdOfType(name, ed25519SignatureType, publicKey);
}

/**
 * A verifier key of an Ed25519 key of signature type `type`, C2SP signed-note §Verifier keys:
 * `<name>+<hex key ID>+<base64(type || public key)>`.
 *
 * @throws TypeError for a key name with a space or a plus, or a key that is not 32 bytes.
 */
export function formatVerifierKeyOfType(key: NoteVerifierKey, type: number): string {
  if (!isValidKeyName(key.name)) throw new TypeError(`not a note key name: ${key.name}`);
  if (key.publicKey.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  const id = keyIdOfType(key.name, type, key.publicKey).toString(16).padStart(8, '0');
  const material = new Uint8Array(33);
  material[0] = type;
  material.set(key.publicKey, 1);
  return `${key.name}+${id}+${encodeBase64(material)}`;
}

/**
 * Reads a verifier key of signature type `type`; `undefined` for another type, a key ID that
 * does not match the name and key, or anything malformed.
 */
export function parseVerifierKeyOfType(vkey: string, type: number): NoteVerifierKey | undefined {
  // The key material is base64, which may hold '+': only the first two split.
  const [name = '', id = '', ...rest] = vkey.trim().split('+');
  const material = rest.join('+');
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(id)) return undefined;
  const bytes = decodeBase64(material);
  if (bytes?.length !== 33 || bytes[0] !== type) return undefined;
  const publicKey = bytes.slice(1);
  if (keyIdOfType(name, type, publicKey) !== Number.parseInt(id, 16)) return undefined;
  return { name, publicKey };
}

/**
 * The verifier key ("vkey") of an Ed25519 note key, C2SP signed-note §Verifier keys:
 * `<name>+<hex key ID>+<base64(0x01 || public key)>`.
 *
 * @throws TypeError for a key name with a space or a plus, or a key that is not 32 bytes.
 */
export function formatVerifierKey(key: NoteVerifierKey): string {
  return formatVerifierKeyOfType(key, ed25519SignatureType);
}

/**
 * Reads an Ed25519 verifier key; `undefined` for any other key type, a key ID that does not match
 * the name and key, or anything malformed.
 */
export function parseVerifierKey(vkey: string): NoteVerifierKey | undefined {
  return parseVerifierKeyOfType(vkey, ed25519SignatureType);
}

/**
 * The signature line of an Ed25519 signature over a note's text, C2SP signed-note §Format:
 * `— <name> <base64(key ID || signature)>` and a newline.
 *
 * @example
 * ```ts
 * const line = noteSignatureLine(key, sign(null, Buffer.from(text), privateKey));
 * const note = `${text}\n${line}`;
 * ```
 */
export function noteSignatureLine(key: NoteVerifierKey, signature: Uint8Array): string {
  if (!isValidKeyName(key.name)) throw new TypeError(`not a note key name: ${key.name}`);
  const bytes = new Uint8Array(4 + signature.length);
  new DataView(bytes.buffer).setUint32(0, noteKeyId(key.name, key.publicKey));
  bytes.set(signature, 4);
  return `${emDash} ${key.name} ${encodeBase64(bytes)}\n`;
}

/**
 * A note from its text (which must end with a newline) and its signature lines: the text, a
 * blank line, then the lines.
 */
export function formatSignedNote(text: string, signatureLines: readonly string[]): string {
  if (!text.endsWith('\n')) throw new TypeError('a note text ends with a newline');
  if (signatureLines.length === 0) throw new TypeError('a signed note has a signature');
  return `${text}\n${signatureLines.join('')}`;
}

/**
 * Splits a signed note into its text and signatures (C2SP signed-note §Format), without checking
 * any signature; `undefined` when it is not a well-formed note: no control characters but
 * newlines, the text separated from the signature lines by the last blank line, every
 * signature line `— <name> <base64>` with a 4-byte key ID at least.
 */
export function parseSignedNote(note: string): SignedNote | undefined {
  if (note.length > maxNoteLength || !note.endsWith('\n')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(note)) return undefined;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return undefined;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > maxSignatures) return undefined;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match) return undefined;
    const [, name, encoded] = match as unknown as [string, string, string];
    const bytes = decodeBase64(encoded);
    if (!isValidKeyName(name) || bytes === undefined || bytes.length < 5) return undefined;
    signatures.push({
      name,
      keyId: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0),
      signature: bytes.slice(4),
    });
  }
  return { text, signatures };
}

/**
 * Verifies a signed note against the keys the caller trusts, as C2SP signed-note requires:
 * signatures by unknown keys (a name or key ID that does not match a known key) are ignored; a
 * signature by a known key must verify, or the whole note is refused; and at least one must.
 * Never throws.
 *
 * @example
 * ```ts
 * const result = verifySignedNote(note, [{ name: 'issuer.example/log', publicKey }]);
 * if (result.verified) parseCheckpoint(result.text);
 * ```
 */
export function verifySignedNote(
  note: string,
  keys: readonly NoteVerifierKey[],
): VerifySignedNoteResult {
  const parsed = parseSignedNote(note);
  if (!parsed) {
    return { verified: false, code: 'NOTE_MALFORMED', message: 'not a well-formed signed note' };
  }
  const known = keys.map((key) => ({ ...key, keyId: noteKeyId(key.name, key.publicKey) }));
  const message = Buffer.from(parsed.text, 'utf8');
  const verifiedBy: string[] = [];
  for (const signature of parsed.signatures) {
    const key = known.find(
      (candidate) => candidate.name === signature.name && candidate.keyId === signature.keyId,
    );
    if (!key) continue;
    if (!verifyEd25519(message, signature.signature, ed25519KeyObject(key.publicKey))) {
      return {
        verified: false,
        code: 'NOTE_SIGNATURE_INVALID',
        message: `the signature of ${signature.name} does not verify`,
      };
    }
    verifiedBy.push(signature.name);
  }
  if (verifiedBy.length === 0) {
    return {
      verified: false,
      code: 'NOTE_UNKNOWN_KEY',
      message: 'no signature by a known key',
    };
  }
  return { verified: true, text: parsed.text, verifiedBy };
}
