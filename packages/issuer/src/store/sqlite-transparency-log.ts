import {
  completedNodes,
  consistencyProof,
  encodeLogEntry,
  hashChildren,
  hashIssuedCredential,
  hashLeaf,
  inclusionProof,
  treeHash,
  type IssuedFormat,
  type TransparencyLogEntry,
} from '@skillproof/core';
import { migrate, type SqliteDatabase } from '@skillproof/server/sqlite';
import type {
  CheckpointRecord,
  LogEntryRecord,
  TransparencyLog,
} from '../ports/transparency-log.js';
import { issuerMigrations } from './issuer-migrations.js';

interface EntryRow {
  leaf_index: number;
  leaf_hash: Buffer;
  entry: Buffer;
  credential_id: string | null;
  created_at: string;
}

interface CheckpointRow {
  size: number;
  root_hash: Buffer;
  note: string;
  signed_at: string;
}

/** The index key of a leaf hash: its first 8 bytes as a signed 64-bit integer. */
function leafKey(hash: Uint8Array): bigint {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).readBigInt64BE(0);
}

function toEntry(row: EntryRow): LogEntryRecord {
  return {
    leafIndex: row.leaf_index,
    leafHash: new Uint8Array(row.leaf_hash),
    entry: new Uint8Array(row.entry),
    credentialId: row.credential_id,
    createdAt: row.created_at,
  };
}

/** What the issuer and status stores append, inside their own transactions. */
export interface TransparencyLogAppender {
  /**
   * Appends an entry; must run inside a transaction (the caller's), so that it commits or rolls
   * back with what it records. Returns its leaf index.
   */
  append(entry: TransparencyLogEntry, credentialId: string | null, now: string): number;
  /**
   * Appends the issuance entry of a credential just signed (its status entries and badge
   * definition read from the database), in the caller's transaction.
   */
  appendIssuance(
    credentialId: string,
    issued: { format: IssuedFormat; jwt: string | null; credential: Record<string, unknown> },
    now: string,
  ): number;
  /** The hash of a signed credential as its issuance entry gives it; `undefined` while pending. */
  credentialHash(credentialId: string): string | undefined;
}

/** The SQLite transparency log: the {@link TransparencyLog} port and the stores' appender. */
export type SqliteTransparencyLog = TransparencyLog & TransparencyLogAppender;

/**
 * The issuer's transparency log on its SQLite database (the issuer's migrations, version 8).
 * Appending writes the entry, its leaf hash and every perfect subtree it completes (one node on
 * average), so that proofs and tiles are O(log n) point reads.
 *
 * @example
 * ```ts
 * const log = createSqliteTransparencyLog(db);
 * const store = createIssuerStore(db, { transparencyLog: log });
 * ```
 */
export function createSqliteTransparencyLog(db: SqliteDatabase): SqliteTransparencyLog {
  migrate(db, 'issuer', issuerMigrations);
  const selectSize = db.prepare(
    'SELECT COALESCE(MAX(leaf_index) + 1, 0) AS size FROM issuer_log_entries',
  );
  const insertEntry = db.prepare(
    `INSERT INTO issuer_log_entries (leaf_index, leaf_hash, leaf_key, entry, credential_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertNode = db.prepare(
    'INSERT INTO issuer_log_nodes (level, node_index, hash) VALUES (?, ?, ?)',
  );
  const selectLeafHash = db
    .prepare('SELECT leaf_hash FROM issuer_log_entries WHERE leaf_index = ?')
    .pluck();
  const selectNode = db
    .prepare('SELECT hash FROM issuer_log_nodes WHERE level = ? AND node_index = ?')
    .pluck();
  const selectLeafHashes = db
    .prepare(
      'SELECT leaf_hash FROM issuer_log_entries WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
    )
    .pluck();
  const selectNodes = db
    .prepare(
      `SELECT hash FROM issuer_log_nodes WHERE level = ? AND node_index >= ? AND node_index < ?
     ORDER BY node_index`,
    )
    .pluck();
  const selectEntries = db
    .prepare(
      'SELECT entry FROM issuer_log_entries WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
    )
    .pluck();
  // Explicit columns: leaf_key may pass 2^53, which a JavaScript number can't hold.
  const entryColumns = 'leaf_index, leaf_hash, entry, credential_id, created_at';
  const selectByIndex = db.prepare(
    `SELECT ${entryColumns} FROM issuer_log_entries WHERE leaf_index = ?`,
  );
  const selectByHash = db.prepare(
    `SELECT ${entryColumns} FROM issuer_log_entries WHERE leaf_key = ? AND leaf_hash = ?
     ORDER BY leaf_index LIMIT 1`,
  );
  const selectIssuance = db.prepare(
    `SELECT ${entryColumns} FROM issuer_log_entries
     WHERE leaf_index = (SELECT log_leaf_index FROM issuer_credentials WHERE id = ?)`,
  );
  const linkIssuance = db.prepare('UPDATE issuer_credentials SET log_leaf_index = ? WHERE id = ?');
  const selectLatestAbout = db.prepare(
    `SELECT ${entryColumns} FROM issuer_log_entries WHERE credential_id = ? AND leaf_index < ?
     ORDER BY leaf_index DESC LIMIT 1`,
  );
  const selectRecent = db.prepare(
    `SELECT ${entryColumns} FROM issuer_log_entries ORDER BY leaf_index DESC LIMIT ?`,
  );
  const selectLatestCheckpoint = db.prepare(
    'SELECT * FROM issuer_log_checkpoints ORDER BY size DESC LIMIT 1',
  );
  const insertCheckpoint = db.prepare(
    `INSERT INTO issuer_log_checkpoints (size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (size) DO NOTHING`,
  );
  const selectStatusEntries = db.prepare(
    `SELECT l.purpose, e.list_id, e.list_index FROM issuer_status_entries e
     JOIN issuer_status_lists l ON l.id = e.list_id
     WHERE e.credential_id = ? ORDER BY l.purpose, e.list_id`,
  );
  const selectCredential = db.prepare(
    'SELECT achievement_id, issued_at, format, jwt, json, signed FROM issuer_credentials WHERE id = ?',
  );
  const selectIssued = db.prepare(
    'SELECT achievement_id, issued_at FROM issuer_credentials WHERE id = ?',
  );
  const selectLatestDefinition = db.prepare(
    `SELECT leaf_index, definition_hash FROM issuer_log_definitions WHERE badge = ?
     ORDER BY leaf_index DESC LIMIT 1`,
  );
  const insertDefinition = db.prepare(
    'INSERT INTO issuer_log_definitions (leaf_index, badge, definition_hash) VALUES (?, ?, ?)',
  );

  const readNode = (level: number, index: number): Uint8Array => {
    const hash = (level === 0 ? selectLeafHash.get(index) : selectNode.get(level, index)) as
      Buffer | undefined;
    if (!hash) throw new RangeError(`the log has no node (${level}, ${index})`);
    return hash;
  };

  const append = (entry: TransparencyLogEntry, credentialId: string | null, now: string) => {
    if (!db.inTransaction) throw new TypeError('a log entry is appended inside a transaction');
    const index = (selectSize.get() as { size: number }).size;
    const bytes = encodeLogEntry(entry);
    let hash = hashLeaf(bytes);
    insertEntry.run(index, hash, leafKey(hash), bytes, credentialId, now);
    // Each perfect subtree this leaf completes: its left child is stored, its right child is
    // the node just computed.
    for (const node of completedNodes(index)) {
      hash = hashChildren(readNode(node.level - 1, 2 * node.index), hash);
      insertNode.run(node.level, node.index, hash);
    }
    if (entry.type === 'badge-definition') {
      insertDefinition.run(index, entry.badge, entry.definitionHash);
    }
    return index;
  };

  const issuedHash = (issued: {
    format: IssuedFormat;
    jwt: string | null;
    credential: Record<string, unknown>;
  }) =>
    hashIssuedCredential(
      issued.format === 'ldp_vc' || issued.jwt === null ? issued.credential : issued.jwt,
    );

  const size = () => (selectSize.get() as { size: number }).size;
  const checkSize = (treeSize: number) => {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > size()) {
      throw new RangeError(`the log has no tree of size ${treeSize}`);
    }
  };

  const logDefinitions = db.transaction(
    (versions: Parameters<TransparencyLog['logBadgeDefinitions']>[0], now: string) => {
      const latest = new Map<string, number>();
      for (const version of versions) {
        const row = selectLatestDefinition.get(version.badge) as
          { leaf_index: number; definition_hash: string } | undefined;
        latest.set(
          version.badge,
          row?.definition_hash === version.entry.definitionHash
            ? row.leaf_index
            : append(version.entry, null, now),
        );
      }
      return latest;
    },
  );

  return {
    append,
    appendIssuance(credentialId, issued, now) {
      const row = selectIssued.get(credentialId) as
        { achievement_id: string | null; issued_at: string } | undefined;
      if (!row) throw new RangeError(`no credential ${credentialId}`);
      const status = (
        selectStatusEntries.all(credentialId) as {
          purpose: 'revocation' | 'suspension';
          list_id: string;
          list_index: number;
        }[]
      ).map((entry) => ({ purpose: entry.purpose, list: entry.list_id, index: entry.list_index }));
      const definition =
        row.achievement_id === null
          ? undefined
          : (selectLatestDefinition.get(row.achievement_id) as { leaf_index: number } | undefined);
      const leafIndex = append(
        {
          type: 'issuance',
          credentialHash: issuedHash(issued),
          badge: row.achievement_id,
          format: issued.format,
          status,
          issuedAt: row.issued_at,
          definition: definition?.leaf_index ?? null,
        },
        credentialId,
        now,
      );
      linkIssuance.run(leafIndex, credentialId);
      return leafIndex;
    },
    credentialHash(credentialId) {
      const row = selectCredential.get(credentialId) as
        { format: IssuedFormat; jwt: string | null; json: string; signed: number } | undefined;
      if (!row || row.signed === 0) return undefined;
      return issuedHash({
        format: row.format,
        jwt: row.jwt,
        credential: JSON.parse(row.json) as Record<string, unknown>,
      });
    },
    async size() {
      return size();
    },
    async rootHash(treeSize) {
      checkSize(treeSize);
      return treeHash(treeSize, readNode);
    },
    async inclusionProof(index, treeSize) {
      checkSize(treeSize);
      return inclusionProof(index, treeSize, readNode);
    },
    async consistencyProof(from, to) {
      checkSize(to);
      return consistencyProof(from, to, readNode);
    },
    async tile(level, index, width, treeSize) {
      // C2SP tlog-tiles: tile (L, N) holds the nodes N*256 .. N*256+255 of tree level 8L.
      const treeLevel = 8 * level;
      const start = index * 256;
      const available = Math.floor(treeSize / 2 ** treeLevel);
      if (start + width > available || treeSize > size()) return undefined;
      const hashes = (
        treeLevel === 0
          ? selectLeafHashes.all(start, start + width)
          : selectNodes.all(treeLevel, start, start + width)
      ) as Buffer[];
      return hashes.length === width ? new Uint8Array(Buffer.concat(hashes)) : undefined;
    },
    async entries(start, end, treeSize) {
      if (start < 0 || end > treeSize || start >= end || treeSize > size()) return undefined;
      return (selectEntries.all(start, end) as Buffer[]).map((entry) => new Uint8Array(entry));
    },
    async findByLeafIndex(leafIndex) {
      const row = selectByIndex.get(leafIndex) as EntryRow | undefined;
      return row && toEntry(row);
    },
    async findByLeafHash(leafHash) {
      if (leafHash.length !== 32) return undefined;
      const row = selectByHash.get(leafKey(leafHash), Buffer.from(leafHash)) as
        EntryRow | undefined;
      return row && toEntry(row);
    },
    async findIssuance(credentialId) {
      const row = selectIssuance.get(credentialId) as EntryRow | undefined;
      return row && toEntry(row);
    },
    async latestCredentialEntry(credentialId, treeSize) {
      const row = selectLatestAbout.get(credentialId, treeSize) as EntryRow | undefined;
      return row && toEntry(row);
    },
    async recentEntries(limit) {
      return (selectRecent.all(limit) as EntryRow[]).map(toEntry);
    },
    async latestCheckpoint(): Promise<CheckpointRecord | undefined> {
      const row = selectLatestCheckpoint.get() as CheckpointRow | undefined;
      return (
        row && {
          size: row.size,
          rootHash: new Uint8Array(row.root_hash),
          note: row.note,
          signedAt: row.signed_at,
        }
      );
    },
    async saveCheckpoint(checkpoint) {
      insertCheckpoint.run(
        checkpoint.size,
        Buffer.from(checkpoint.rootHash),
        checkpoint.note,
        checkpoint.signedAt,
      );
    },
    async logBadgeDefinitions(versions, now) {
      return logDefinitions.immediate(versions, now);
    },
  };
}
