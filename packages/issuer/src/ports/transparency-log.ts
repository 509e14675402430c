import type { TransparencyLogEntry } from '@skillproof/core';

/** One entry of the issuer's transparency log, as stored. */
export interface LogEntryRecord {
  leafIndex: number;
  /** `hashLeaf(entry)` (RFC 9162 §2.1.1). */
  leafHash: Uint8Array;
  /** The entry's bytes (`encodeLogEntry`): what entry bundles serve. */
  entry: Uint8Array;
  /** The credential an issuance or status entry is about; `null` for a badge definition. */
  credentialId: string | null;
  createdAt: string;
}

/** A signed checkpoint of the log (C2SP tlog-checkpoint, as a signed note). */
export interface CheckpointRecord {
  size: number;
  rootHash: Uint8Array;
  /** The whole signed note, as served at `/log/checkpoint`. */
  note: string;
  signedAt: string;
}

/** A badge definition version to log, unless its latest logged version is the same. */
export interface BadgeDefinitionVersion {
  /** The achievement id, as issuance entries name it. */
  badge: string;
  /** The entry to append when this version is new (its `definitionHash` tells versions apart). */
  entry: TransparencyLogEntry & { type: 'badge-definition' };
}

/**
 * The issuer's append-only transparency log (issue 17): RFC 9162 Merkle tree over its entries,
 * with the perfect subtrees stored, so proofs and tiles take O(log n) reads. Issuance and status
 * entries are appended by the stores, in the transaction of what they record; everything here
 * reads, but for checkpoints and badge definitions.
 */
export interface TransparencyLog {
  /** The number of entries. */
  size(): Promise<number>;
  /** `MTH(D[0:size])`; `size` at most {@link size}. */
  rootHash(size: number): Promise<Uint8Array>;
  /** RFC 9162 §2.1.3.1 `PATH(index, D[0:size])`. */
  inclusionProof(index: number, size: number): Promise<Uint8Array[]>;
  /** RFC 9162 §2.1.4.1 `PROOF(from, D[0:to])`. */
  consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
  /**
   * The hashes of C2SP tlog-tiles tile `(level, index)`, `width` of them, concatenated; `undefined`
   * when the tree (at `size`) does not hold them all.
   */
  tile(level: number, index: number, width: number, size: number): Promise<Uint8Array | undefined>;
  /** The entries `[start, end)`, `undefined` unless all are below `size`. */
  entries(start: number, end: number, size: number): Promise<Uint8Array[] | undefined>;
  findByLeafIndex(leafIndex: number): Promise<LogEntryRecord | undefined>;
  findByLeafHash(leafHash: Uint8Array): Promise<LogEntryRecord | undefined>;
  /** The issuance entry of a credential. */
  findIssuance(credentialId: string): Promise<LogEntryRecord | undefined>;
  /**
   * The newest entry about a credential among the first `size` entries: its latest status
   * change, else its issuance entry; `undefined` when none is below `size`.
   */
  latestCredentialEntry(credentialId: string, size: number): Promise<LogEntryRecord | undefined>;
  /** The newest entries, newest first. */
  recentEntries(limit: number): Promise<LogEntryRecord[]>;
  latestCheckpoint(): Promise<CheckpointRecord | undefined>;
  /** Stores a signed checkpoint; one per size (a second of the same size is ignored). */
  saveCheckpoint(checkpoint: CheckpointRecord): Promise<void>;
  /**
   * Appends each definition whose badge has no logged version with the same `definitionHash`
   * as its latest; returns the leaf index of every badge's latest version.
   */
  logBadgeDefinitions(
    versions: readonly BadgeDefinitionVersion[],
    now: string,
  ): Promise<Map<string, number>>;
}
