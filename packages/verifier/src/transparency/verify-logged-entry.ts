import {
  decodeBase64,
  decodeLogEntry,
  equalHashes,
  hashLeaf,
  verifyCheckpoint,
  verifyInclusionProof,
  type Checkpoint,
  type NoteVerifierKey,
  type TransparencyLogEntry,
} from '@skillproof/core';

/** What {@link verifyLoggedEntry} checks: one entry of a log, proven to a signed checkpoint. */
export interface LoggedEntryProof {
  /** The C2SP signed checkpoint the proof leads to. */
  signedCheckpoint: string;
  /** The log's origin (its checkpoints' first line and note key name). */
  origin: string;
  /** The keys the checkpoint must be signed by (the issuer's log keys). */
  keys: readonly NoteVerifierKey[];
  leafIndex: number;
  /** The entry's bytes (`encodeLogEntry`). */
  entry: Uint8Array;
  /** The leaf hash a receipt claims, standard base64; checked against the entry when given. */
  leafHash?: string;
  /** The RFC 9162 §2.1.3 inclusion proof, standard base64 hashes. */
  inclusionProof: readonly string[];
}

/** The outcome of {@link verifyLoggedEntry}; never thrown. */
export type LoggedEntryVerification =
  | { ok: true; checkpoint: Checkpoint; entry: TransparencyLogEntry }
  | {
      ok: false;
      /** `checkpoint`: not signed by the keys, or not the log's; `proof`: the rest. */
      failed: 'checkpoint' | 'proof';
      message: string;
    };

/**
 * Checks that `entry` is leaf `leafIndex` of the log whose signed checkpoint is given: the
 * checkpoint's note signature by one of `keys` and its origin (C2SP tlog-checkpoint), the entry
 * as a well-formed log entry whose leaf hash (RFC 9162 §2.1.1) is the one claimed, and the
 * inclusion proof from that leaf to the checkpoint's root (RFC 9162 §2.1.3.2). The one receipt
 * check of the wallet (`skillproof show`) and of the verifier's `requireTransparency`.
 *
 * @example
 * ```ts
 * const checked = verifyLoggedEntry({ signedCheckpoint, origin, keys, leafIndex, entry, inclusionProof });
 * if (checked.ok && checked.entry.type === 'issuance') checked.entry.credentialHash;
 * ```
 */
export function verifyLoggedEntry(proof: LoggedEntryProof): LoggedEntryVerification {
  const signed = verifyCheckpoint(proof.signedCheckpoint, {
    origin: proof.origin,
    keys: proof.keys,
  });
  if (!signed.verified) {
    return { ok: false, failed: 'checkpoint', message: signed.message };
  }
  const { size, rootHash } = signed.checkpoint;
  // The proof first, of the leaf the receipt claims (else of the entry's): then whether the
  // entry is that leaf.
  const entryHash = hashLeaf(proof.entry);
  const leafHash = proof.leafHash === undefined ? entryHash : decodeBase64(proof.leafHash);
  const path = proof.inclusionProof.map(decodeBase64);
  if (
    leafHash === undefined ||
    path.some((hash) => hash === undefined) ||
    !verifyInclusionProof({
      index: proof.leafIndex,
      size,
      leafHash,
      proof: path as Uint8Array[],
      rootHash,
    })
  ) {
    return {
      ok: false,
      failed: 'proof',
      message: `the inclusion proof does not lead to the checkpoint's root (entry ${proof.leafIndex}, tree of ${size})`,
    };
  }
  if (!equalHashes(entryHash, leafHash)) {
    return {
      ok: false,
      failed: 'proof',
      message: `the log's entry ${proof.leafIndex} is not the receipt's leaf`,
    };
  }
  const entry = decodeLogEntry(proof.entry);
  if (!entry) return { ok: false, failed: 'proof', message: 'the entry is not a log entry' };
  return { ok: true, checkpoint: signed.checkpoint, entry };
}
