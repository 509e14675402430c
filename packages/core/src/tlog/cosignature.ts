import { ed25519KeyObject, verifyEd25519 } from '../ed25519.js';
import { encodeBase64 } from './base64-standard.js';
import { parseCheckpoint } from './checkpoint.js';
import {
  formatVerifierKeyOfType,
  keyIdOfType,
  parseSignedNote,
  parseVerifierKeyOfType,
  type NoteVerifierKey,
} from './signed-note.js';

/** C2SP tlog-cosignature: the signature type byte of an Ed25519 `cosignature/v1`. */
const cosignatureV1Type = 0x04;
/** A cosignature's bytes after the key ID: a big-endian u64 timestamp and an Ed25519 signature. */
const timestampedSignatureLength = 8 + 64;
const emDash = '\u2014';

/**
 * The key ID of an Ed25519 cosigner (a witness), C2SP tlog-cosignature §Format:
 * `SHA-256(name || 0x0A || 0x04 || public key)[:4]` as a big-endian uint32. It differs from the
 * same key's note-signature ID, so a log key and a witness key never stand in for each other.
 */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return keyIdOfType(name, cosignatureV1Type, publicKey);
}

/**
 * A witness's verifier key, C2SP signed-note §Verifier keys with signature type 0x04:
 * `<name>+<hex key ID>+<base64(0x04 || public key)>`.
 *
 * @throws TypeError for a key name with a space or a plus, or a key that is not 32 bytes.
 */
export function formatCosignerKey(key: NoteVerifierKey): string {
  return formatVerifierKeyOfType(key, cosignatureV1Type);
}

/**
 * Reads a witness's verifier key; `undefined` for another signature type, a key ID that does not
 * match, or anything malformed.
 */
export function parseCosignerKey(vkey: string): NoteVerifierKey | undefined {
  return parseVerifierKeyOfType(vkey, cosignatureV1Type);
}

/**
 * The message an Ed25519 `cosignature/v1` signs, C2SP tlog-cosignature §Ed25519 signed message:
 * `cosignature/v1`, `time <POSIX seconds>`, then the whole checkpoint text (extension lines
 * included), each line newline-terminated.
 */
export function cosignatureMessage(checkpointText: string, timestamp: number): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new TypeError('a cosignature timestamp is a positive whole number of seconds');
  }
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}

/**
 * The note signature line of a cosignature: `— <name> base64(key ID || u64 timestamp ||
 * signature)` and a newline, the shape a witness's `add-checkpoint` answer carries.
 */
export function cosignatureLine(
  key: NoteVerifierKey,
  timestamp: number,
  signature: Uint8Array,
): string {
  if (signature.length !== 64) throw new TypeError('an Ed25519 signature is 64 bytes');
  const bytes = new Uint8Array(4 + timestampedSignatureLength);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, cosignerKeyId(key.name, key.publicKey));
  view.setBigUint64(4, BigInt(timestamp));
  bytes.set(signature, 12);
  return `${emDash} ${key.name} ${encodeBase64(bytes)}\n`;
}

/** One valid cosignature {@link verifyCosignatures} found. */
export interface VerifiedCosignature {
  /** The witness's key name. */
  name: string;
  /** When it cosigned, POSIX seconds. */
  timestamp: number;
}

/** The outcome of {@link verifyCosignatures}. */
export type VerifyCosignaturesResult =
  | { verified: true; cosignatures: VerifiedCosignature[] }
  | {
      verified: false;
      code: 'NOTE_MALFORMED' | 'COSIGNATURE_INVALID' | 'COSIGNATURES_TOO_FEW';
      message: string;
    };

/**
 * Verifies the witness cosignatures on a signed checkpoint against the witnesses the caller
 * trusts, as C2SP tlog-cosignature and signed-note require: lines of unknown keys (any other
 * name or key ID, the log's own signature among them) are ignored; a line of a known witness
 * that does not verify, or whose timestamp is further than `maxFutureSeconds` (default 600)
 * ahead of `now`, refuses the note; at least `required` distinct witnesses must have cosigned.
 * Check the log's own signature with `verifyCheckpoint`. Never throws.
 *
 * @example
 * ```ts
 * verifyCosignatures(note, { witnesses: [parseCosignerKey(vkey)!], required: 1 });
 * // { verified: true, cosignatures: [{ name: 'witness.example/w1', timestamp: 1764924000 }] }
 * ```
 */
export function verifyCosignatures(
  signedCheckpoint: string,
  options: {
    witnesses: readonly NoteVerifierKey[];
    required: number;
    now?: Date;
    maxFutureSeconds?: number;
  },
): VerifyCosignaturesResult {
  const parsed = parseSignedNote(signedCheckpoint);
  if (!parsed || !parseCheckpoint(parsed.text)) {
    return { verified: false, code: 'NOTE_MALFORMED', message: 'not a well-formed checkpoint' };
  }
  const latest =
    Math.floor((options.now ?? new Date()).getTime() / 1000) + (options.maxFutureSeconds ?? 600);
  const known = options.witnesses.map((key) => ({
    ...key,
    keyId: cosignerKeyId(key.name, key.publicKey),
  }));
  const found = new Map<string, VerifiedCosignature>();
  for (const line of parsed.signatures) {
    const key = known.find(
      (candidate) => candidate.name === line.name && candidate.keyId === line.keyId,
    );
    if (!key) continue;
    const invalid = (why: string): VerifyCosignaturesResult => ({
      verified: false,
      code: 'COSIGNATURE_INVALID',
      message: `the cosignature of ${line.name} ${why}`,
    });
    if (line.signature.length !== timestampedSignatureLength) return invalid('is malformed');
    const view = new DataView(line.signature.buffer, line.signature.byteOffset, 8);
    const timestamp = view.getBigUint64(0);
    if (timestamp === 0n || timestamp > BigInt(latest)) return invalid('is dated in the future');
    const message = cosignatureMessage(parsed.text, Number(timestamp));
    if (!verifyEd25519(message, line.signature.slice(8), ed25519KeyObject(key.publicKey))) {
      return invalid('does not verify');
    }
    found.set(key.name, { name: key.name, timestamp: Number(timestamp) });
  }
  if (found.size < options.required) {
    return {
      verified: false,
      code: 'COSIGNATURES_TOO_FEW',
      message: `${found.size} of the ${options.required} witness cosignatures required`,
    };
  }
  return { verified: true, cosignatures: [...found.values()] };
}
