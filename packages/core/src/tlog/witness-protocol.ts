import { decodeBase64, encodeBase64 } from './base64-standard.js';
import { parseCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { verifyConsistencyProof } from './consistency-proof.js';
import { emptyTreeHash, equalHashes } from './merkle-hash.js';
import { parseSignedNote, type NoteVerifierKey } from './signed-note.js';

/** C2SP tlog-witness: a client sends at most this many consistency proof lines. */
const maxProofLines = 63;
/** The largest `add-checkpoint` body a witness reads (a checkpoint note is at most 64 KiB). */
export const maxAddCheckpointBodyLength = 68 * 1024;

/** An `add-checkpoint` request, C2SP tlog-witness §add-checkpoint. */
export interface AddCheckpointRequest {
  /** The size of the last checkpoint the witness cosigned for this log (0 for none). */
  oldSize: number;
  /** A consistency proof from `oldSize` to the checkpoint's size (empty from 0). */
  proof: Uint8Array[];
  /** The signed checkpoint note. */
  checkpoint: string;
}

/**
 * The body of an `add-checkpoint` request: `old <size>`, one base64 line per proof hash, a
 * blank line, then the signed checkpoint.
 */
export function formatAddCheckpointRequest(request: AddCheckpointRequest): string {
  if (request.proof.length > maxProofLines) throw new TypeError('at most 63 proof hashes');
  const proof = request.proof.map((hash) => `${encodeBase64(hash)}\n`).join('');
  return `old ${request.oldSize}\n${proof}\n${request.checkpoint}`;
}

/** Reads an `add-checkpoint` body; `undefined` when it is not one. */
export function parseAddCheckpointRequest(body: string): AddCheckpointRequest | undefined {
  if (body.length > maxAddCheckpointBodyLength) return undefined;
  const split = body.indexOf('\n\n');
  if (split < 0) return undefined;
  const [oldLine, ...proofLines] = body.slice(0, split).split('\n');
  const old = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine ?? '');
  if (!old || proofLines.length > maxProofLines) return undefined;
  const oldSize = Number(old[1]);
  if (!Number.isSafeInteger(oldSize)) return undefined;
  const proof: Uint8Array[] = [];
  for (const line of proofLines) {
    const hash = decodeBase64(line);
    if (hash?.length !== 32) return undefined;
    proof.push(hash);
  }
  return { oldSize, proof, checkpoint: body.slice(split + 2) };
}

/** The checkpoint a witness last cosigned for one log. */
export interface WitnessedCheckpoint {
  size: number;
  rootHash: Uint8Array;
}

/**
 * What a witness answers an `add-checkpoint`: cosign (and record `checkpoint`), or the HTTP
 * status C2SP tlog-witness §add-checkpoint prescribes — 400 (malformed, or old size above the
 * checkpoint's), 403 (no valid signature by the log's key), 404 (unknown origin), 409 (old size
 * is not the size last cosigned: `latestSize` goes in the body), 422 (the proof or root does not
 * show an append-only log).
 */
export type AddCheckpointDecision =
  | {
      cosign: true;
      checkpoint: Checkpoint;
      /** The checkpoint's note text, which the cosignature signs. */
      text: string;
    }
  | { cosign: false; status: 400 | 403 | 404 | 422; message: string }
  | { cosign: false; status: 409; latestSize: number; message: string };

/**
 * Decides an `add-checkpoint` request, C2SP tlog-witness §add-checkpoint, step by step: the
 * origin must be a log the witness follows, signed by its key; the old size must be the size it
 * last cosigned; the proof must show the new checkpoint extends that one. The caller persists
 * the new checkpoint atomically with this decision (so two requests cannot roll the log back)
 * and then signs. Pure; never throws.
 */
export function decideAddCheckpoint(
  body: string,
  options: {
    /** The logs the witness follows: origin → the log's note keys. */
    logs: ReadonlyMap<string, readonly NoteVerifierKey[]>;
    /** What it last cosigned for the origin, if anything. */
    latest(origin: string): WitnessedCheckpoint | undefined;
  },
): AddCheckpointDecision {
  const request = parseAddCheckpointRequest(body);
  const note = request && parseSignedNote(request.checkpoint);
  const unsigned = note && parseCheckpoint(note.text);
  if (!request || !note || !unsigned) {
    return { cosign: false, status: 400, message: 'not an add-checkpoint request' };
  }
  const keys = options.logs.get(unsigned.origin);
  if (!keys) return { cosign: false, status: 404, message: `unknown log ${unsigned.origin}` };
  const verified = verifyCheckpoint(request.checkpoint, { origin: unsigned.origin, keys });
  if (!verified.verified) {
    return verified.code === 'NOTE_MALFORMED' || verified.code === 'CHECKPOINT_MALFORMED'
      ? { cosign: false, status: 400, message: verified.message }
      : { cosign: false, status: 403, message: verified.message };
  }
  const { checkpoint } = verified;
  if (request.oldSize > checkpoint.size) {
    return { cosign: false, status: 400, message: 'the old size is above the checkpoint size' };
  }
  const latest = options.latest(checkpoint.origin);
  const latestSize = latest?.size ?? 0;
  if (request.oldSize !== latestSize) {
    return {
      cosign: false,
      status: 409,
      latestSize,
      message: `the last checkpoint cosigned for ${checkpoint.origin} has size ${latestSize}`,
    };
  }
  if (checkpoint.size === 0 && !equalHashes(checkpoint.rootHash, emptyTreeHash)) {
    return { cosign: false, status: 422, message: 'an empty tree has the empty root hash' };
  }
  if (request.oldSize === 0) {
    if (request.proof.length > 0) {
      return { cosign: false, status: 422, message: 'no proof is due from the empty tree' };
    }
  } else if (
    latest &&
    !verifyConsistencyProof({
      fromSize: latest.size,
      fromRoot: latest.rootHash,
      toSize: checkpoint.size,
      toRoot: checkpoint.rootHash,
      proof: request.proof,
    })
  ) {
    return {
      cosign: false,
      status: 422,
      message: `the checkpoint is not consistent with size ${latest.size}`,
    };
  }
  return { cosign: true, checkpoint, text: note.text };
}
