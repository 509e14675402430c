import { encodeBase64 } from '@skillproof/core';
import type { LogEntryRecord } from '../ports/transparency-log.js';
import type { IssuerTransparency } from './issuer-transparency.js';

/**
 * What a credential's holder keeps to show it was logged: its leaf, and once a checkpoint
 * covers it, that signed checkpoint and the inclusion proof to it (RFC 9162 §2.1.3; hashes in
 * standard base64, as in checkpoints). Until then `checkpoint` and `inclusionProof` are `null`
 * and `url` gives the full receipt a moment later.
 */
export interface TransparencyReceipt {
  leafIndex: number;
  leafHash: string;
  /** The C2SP signed checkpoint the proof leads to, or `null` while none covers the entry. */
  checkpoint: string | null;
  inclusionProof: string[] | null;
  /** Where this receipt is served (`GET`), complete once a checkpoint covers the entry. */
  url: string;
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
  const checkpoint = await transparency.log.latestCheckpoint();
  const covered = checkpoint !== undefined && checkpoint.size > entry.leafIndex;
  return {
    leafIndex: entry.leafIndex,
    leafHash: encodeBase64(entry.leafHash),
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
  const entry = await transparency.log.findIssuance(credentialId);
  return entry && transparencyReceipt(transparency, entry, receiptUrl(baseUrl, credentialId));
}
