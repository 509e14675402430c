import { decodeBase64, encodeBase64 } from './base64-standard.js';
import { merkleHashLength } from './merkle-hash.js';
import { verifySignedNote, type NoteVerifierKey } from './signed-note.js';

/** A log's tree head: C2SP tlog-checkpoint's note text. */
export interface Checkpoint {
  /** The log's identity, e.g. `issuer.example/log`. */
  origin: string;
  /** The number of entries in the tree. */
  size: number;
  /** `MTH(D[0:size])` (RFC 9162 §2.1.1), 32 bytes. */
  rootHash: Uint8Array;
  /** Opaque extension lines, if any (C2SP tlog-checkpoint: NOT RECOMMENDED). */
  extensions?: string[];
}

/**
 * The note text of a checkpoint, C2SP tlog-checkpoint §Note text: the origin, the decimal tree
 * size, the base64 root hash, any extension lines, each ending with a newline.
 *
 * @throws TypeError for an empty origin or one with a space or plus, a size that is not a
 * non-negative integer, a root hash that is not 32 bytes, or an empty extension line.
 * @example
 * ```ts
 * formatCheckpoint({ origin: 'issuer.example/log', size: 8, rootHash });
 * // 'issuer.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n'
 * ```
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (origin.length === 0 || /[\s+]/u.test(origin)) {
    throw new TypeError(`not a checkpoint origin: ${origin}`);
  }
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`not a tree size: ${size}`);
  if (rootHash.length !== merkleHashLength) throw new TypeError('a root hash is 32 bytes');
  if (extensions.some((line) => line.length === 0 || line.includes('\n'))) {
    throw new TypeError('an extension line is one non-empty line');
  }
  return [origin, String(size), encodeBase64(rootHash), ...extensions]
    .map((l) => `${l}\n`)
    .join('');
}

/**
 * Reads a checkpoint's note text (not a signed note: see {@link verifyCheckpoint});
 * `undefined` unless it is exactly what C2SP tlog-checkpoint allows (no leading zero in the
 * size, a canonical base64 32-byte root hash, non-empty extension lines).
 */
export function parseCheckpoint(text: string): Checkpoint | undefined {
  if (!text.endsWith('\n')) return undefined;
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || lines.some((line) => line.length === 0)) return undefined;
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string];
  if (/[\s+]/u.test(origin)) return undefined;
  if (!/^(?:0|[1-9][0-9]{0,15})$/.test(sizeLine)) return undefined;
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) return undefined;
  const rootHash = decodeBase64(rootLine);
  if (rootHash?.length !== merkleHashLength) return undefined;
  return { origin, size, rootHash, ...(extensions.length > 0 ? { extensions } : {}) };
}

/** The outcome of {@link verifyCheckpoint}. */
export type VerifyCheckpointResult =
  | { verified: true; checkpoint: Checkpoint; verifiedBy: string[] }
  | {
      verified: false;
      code:
        | 'NOTE_MALFORMED'
        | 'NOTE_SIGNATURE_INVALID'
        | 'NOTE_UNKNOWN_KEY'
        | 'CHECKPOINT_MALFORMED'
        | 'CHECKPOINT_WRONG_ORIGIN';
      message: string;
    };

/**
 * Verifies a signed checkpoint: its note signatures against the trusted `keys`
 * ({@link verifySignedNote}), then its text as a checkpoint of the log `origin`. Never throws.
 *
 * @example
 * ```ts
 * const result = verifyCheckpoint(await (await fetch(`${log}/checkpoint`)).text(), {
 *   origin: 'issuer.example/log', keys: [{ name: 'issuer.example/log', publicKey }] });
 * ```
 */
export function verifyCheckpoint(
  signedCheckpoint: string,
  options: { origin: string; keys: readonly NoteVerifierKey[] },
): VerifyCheckpointResult {
  const note = verifySignedNote(signedCheckpoint, options.keys);
  if (!note.verified) return note;
  const checkpoint = parseCheckpoint(note.text);
  if (!checkpoint) {
    return {
      verified: false,
      code: 'CHECKPOINT_MALFORMED',
      message: 'the signed note is not a checkpoint',
    };
  }
  if (checkpoint.origin !== options.origin) {
    return {
      verified: false,
      code: 'CHECKPOINT_WRONG_ORIGIN',
      message: `the checkpoint is of ${checkpoint.origin}, not ${options.origin}`,
    };
  }
  return { verified: true, checkpoint, verifiedBy: note.verifiedBy };
}
