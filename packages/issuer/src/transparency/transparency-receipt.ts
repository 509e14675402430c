import { decodeLogEntry, encodeBase64, type TransparencyLogEntry } from '@skillproof/core';
import type { CheckpointRecord, LogEntryRecord } from '../ports/transparency-log.js';
import type { IssuerTransparency } from './issuer-transparency.js';

/** A log entry with its inclusion proof to a receipt's checkpoint. */
export interface ProvenEntry {
  leafIndex: number;
  leafHash: string;
  /** The entry, decoded: `encodeLogEntry` of it is what `leafHash` is the hash of. */
  entry: TransparencyLogEntry;
  inclusionProof: string[];
}

/**
 * What a credential's holder keeps to show it was logged: its leaf (and entry), and once a
 * checkpoint covers it, that signed checkpoint and the inclusion proof to it (RFC 9162 §2.1.3;
 * hashes in standard base64, as in checkpoints). Until then `checkpoint` and `inclusionProof`
 * are `null` and `url` gives the full receipt a moment later. `status`: the latest status
 * change of the credential in the same signed tree, proven to the same checkpoint (`null`: none),
 * what a verifier compares with the status list (`requireTransparency`).
 */
export interface TransparencyReceipt {
  leafIndex: number;
  leafHash: string;
  entry?: TransparencyLogEntry;
  /** The C2SP signed checkpoint the proof leads to, or `null` while none covers the entry. */
  checkpoint: string | null;
  inclusionProof: string[] | null;
  /** Where this receipt is served (`GET`), complete once a checkpoint covers the entry. */
  url: string;
  status?: ProvenEntry | null;
}

/**
 * The receipt of a log entry, with a proof to the latest checkpoint when it covers the entry.
 *
 * @example
 * ```ts
 * const receipt = await transparencyReceipt(transparency, entry, `${baseUrl}/log/receipts/${id}`);
 * ```
 */
export async function transparencyReceipt(
  transparency: IssuerTransparency,
  entry: LogEntryRecord,
  url: string,
): Promise<TransparencyReceipt> {
  return receiptAt(transparency, entry, url, await transparency.log.latestCheckpoint());
}

async function receiptAt(
  transparency: IssuerTransparency,
  entry: LogEntryRecord,
  url: string,
  checkpoint: CheckpointRecord | undefined,
): Promise<TransparencyReceipt> {
  const covered = checkpoint !== undefined && checkpoint.size > entry.leafIndex;
  const decoded = decodeLogEntry(entry.entry);
  return {
    leafIndex: entry.leafIndex,
    leafHash: encodeBase64(entry.leafHash),
    ...(decoded ? { entry: decoded } : {}),
    checkpoint: covered ? checkpoint.note : null,
    inclusionProof: covered
      ? (await transparency.log.inclusionProof(entry.leafIndex, checkpoint.size)).map(encodeBase64)
      : null,
    url,
  };
}

/** The URL of a credential's receipt. */
export function receiptUrl(baseUrl: string, credentialId: string): string {
  return `${baseUrl}/log/receipts/${encodeURIComponent(credentialId)}`;
}

/**
 * The receipt of a credential's issuance entry; `undefined` when it has none (not issued here,
 * still pending, or issued before the log existed).
 */
export async function credentialReceipt(
  transparency: IssuerTransparency | undefined,
  baseUrl: string,
  credentialId: string,
): Promise<TransparencyReceipt | undefined> {
  if (!transparency) return undefined;
  const { log } = transparency;
  const entry = await log.findIssuance(credentialId);
  if (!entry) return undefined;
  // One checkpoint for both proofs: the status is the log's word as of that signed tree.
  const checkpoint = await log.latestCheckpoint();
  const receipt = await receiptAt(
    transparency,
    entry,
    receiptUrl(baseUrl, credentialId),
    checkpoint,
  );
  if (receipt.checkpoint === null || !checkpoint) return receipt;
  const latest = await log.latestCredentialEntry(credentialId, checkpoint.size);
  const decoded = latest && decodeLogEntry(latest.entry);
  const status =
    latest && decoded && latest.leafIndex !== entry.leafIndex
      ? {
          leafIndex: latest.leafIndex,
          leafHash: encodeBase64(latest.leafHash),
          entry: decoded,
          inclusionProof: (await log.inclusionProof(latest.leafIndex, checkpoint.size)).map(
            encodeBase64,
          ),
        }
      : null;
  return { ...receipt, status };
}
