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
  type ReadNodeHash,
  type TransparencyLogEntry,
} from '@skillproof/core';
import type { Kysely, Transaction } from 'kysely';
import { lockInTransaction, migrateDatabase } from '@skillproof/server/database';
import type {
  CheckpointRecord,
  LogEntryRecord,
  TransparencyLog,
} from '../ports/transparency-log.js';
import { issuerDatabase, issuerTables, type IssuerDatabase } from './issuer-database.js';
import { issuerMigrations } from './issuer-migrations.js';
import type { IssuerTables } from './issuer-tables.js';

type EntryRow = Omit<IssuerTables['issuer_log_entries'], 'leaf_key'>;

/** The index key of a leaf hash: its first 8 bytes as a signed 64-bit integer. */
function leafKey(hash: Uint8Array): bigint {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).readBigInt64BE(0);
}

function toEntry(row: EntryRow): LogEntryRecord {
  return {
    leafIndex: Number(row.leaf_index),
    leafHash: new Uint8Array(row.leaf_hash),
    entry: new Uint8Array(row.entry),
    credentialId: row.credential_id,
    createdAt: row.created_at,
  };
}

// Every appender of every instance takes this lock first: the next leaf index is the log's size.
const appendLock = 'skillproof issuer transparency log';

/** What the issuer and status stores append, inside their own transactions. */
export interface TransparencyLogAppender {
  /**
   * Appends an entry in the caller's transaction `trx`, so that it commits or rolls back with
   * what it records. Returns its leaf index.
   */
  append(
    trx: Transaction<IssuerTables>,
    entry: TransparencyLogEntry,
    credentialId: string | null,
    now: string,
  ): Promise<number>;
  /**
   * Appends the issuance entry of a credential just signed (its status entries and badge
   * definition read from the database), in the caller's transaction.
   */
  appendIssuance(
    trx: Transaction<IssuerTables>,
    credentialId: string,
    issued: { format: IssuedFormat; jwt: string | null; credential: Record<string, unknown> },
    now: string,
  ): Promise<number>;
  /** The hash of a signed credential as its issuance entry gives it; `undefined` while pending. */
  credentialHash(trx: Transaction<IssuerTables>, credentialId: string): Promise<string | undefined>;
}

/** The transparency log on the issuer's database: the {@link TransparencyLog} port and the stores' appender. */
export type DatabaseTransparencyLog = TransparencyLog & TransparencyLogAppender;

const entryColumns = ['leaf_index', 'leaf_hash', 'entry', 'credential_id', 'created_at'] as const;

async function readSize(db: Kysely<IssuerTables>): Promise<number> {
  const row = await db
    .selectFrom('issuer_log_entries')
    .select((eb) => eb.fn.max('leaf_index').as('last'))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

async function readOneNode(
  db: Kysely<IssuerTables>,
  level: number,
  index: number,
): Promise<Uint8Array> {
  const row =
    level === 0
      ? await db
          .selectFrom('issuer_log_entries')
          .select('leaf_hash as hash')
          .where('leaf_index', '=', index)
          .executeTakeFirst()
      : await db
          .selectFrom('issuer_log_nodes')
          .select('hash')
          .where('level', '=', level)
          .where('node_index', '=', index)
          .executeTakeFirst();
  if (!row) throw new RangeError(`the log has no node (${level}, ${index})`);
  return new Uint8Array(row.hash);
}

/**
 * Runs `compute` (a root hash or a proof, which reads stored nodes synchronously) on nodes read
 * from the database first: which nodes it reads depends on the sizes and indexes alone, never on
 * the hashes, so a first run with placeholder hashes names them, and they are read in two queries
 * (the leaves, and every level above them: O(log n) nodes in all).
 */
async function withStoredNodes<T>(
  db: Kysely<IssuerTables>,
  compute: (read: ReadNodeHash) => T,
): Promise<T> {
  const wanted = new Map<number, Set<number>>();
  compute((level, index) => {
    let indexes = wanted.get(level);
    if (!indexes) wanted.set(level, (indexes = new Set()));
    indexes.add(index);
    return new Uint8Array(32);
  });
  const found = new Map<string, Uint8Array>();
  const keep = (level: number, rows: Array<{ index: number | string; hash: Uint8Array }>) => {
    for (const row of rows) found.set(`${level}/${Number(row.index)}`, new Uint8Array(row.hash));
  };
  const leaves = [...(wanted.get(0) ?? [])];
  if (leaves.length > 0) {
    keep(
      0,
      await db
        .selectFrom('issuer_log_entries')
        .select(['leaf_index as index', 'leaf_hash as hash'])
        .where('leaf_index', 'in', leaves)
        .execute(),
    );
  }
  // Every level above the leaves in one query: a round trip per level costs more than the reads.
  const levels = [...wanted.entries()].filter(([level]) => level > 0);
  if (levels.length > 0) {
    const rows = await db
      .selectFrom('issuer_log_nodes')
      .select(['level', 'node_index as index', 'hash'])
      .where((eb) =>
        eb.or(
          levels.map(([level, indexes]) =>
            eb.and([eb('level', '=', level), eb('node_index', 'in', [...indexes])]),
          ),
        ),
      )
      .execute();
    for (const row of rows) keep(Number(row.level), [row]);
  }
  return compute((level, index) => {
    const hash = found.get(`${level}/${index}`);
    if (!hash) throw new RangeError(`the log has no node (${level}, ${index})`);
    return hash;
  });
}

/**
 * The issuer's transparency log on its database, either engine (the issuer's migrations,
 * version 8, run first). Appending writes the entry, its leaf hash and every perfect subtree it
 * completes (one node on average), so that proofs and tiles are O(log n) point reads. Appends
 * take one lock (`lockInTransaction`) for the rest of their transaction, so the leaf indexes of
 * every instance's appends are distinct and without gaps.
 *
 * @example
 * ```ts
 * const log = await createDatabaseTransparencyLog(database);
 * const store = await createIssuerStore(database, { transparencyLog: log });
 * ```
 */
export async function createDatabaseTransparencyLog(
  db: IssuerDatabase,
): Promise<DatabaseTransparencyLog> {
  const database = issuerDatabase(db);
  await migrateDatabase(database, 'issuer', issuerMigrations);
  const kysely = issuerTables(database);

  const latestDefinition = (trx: Kysely<IssuerTables>, badge: string) =>
    trx
      .selectFrom('issuer_log_definitions')
      .select(['leaf_index', 'definition_hash'])
      .where('badge', '=', badge)
      .orderBy('leaf_index', 'desc')
      .limit(1)
      .executeTakeFirst();

  const append: TransparencyLogAppender['append'] = async (trx, entry, credentialId, now) => {
    await lockInTransaction(trx as Transaction<unknown>, database.engine, appendLock);
    const index = await readSize(trx);
    const bytes = encodeLogEntry(entry);
    let hash = hashLeaf(bytes);
    await trx
      .insertInto('issuer_log_entries')
      .values({
        leaf_index: index,
        leaf_hash: Buffer.from(hash),
        leaf_key: leafKey(hash),
        entry: Buffer.from(bytes),
        credential_id: credentialId,
        created_at: now,
      })
      .execute();
    // Each perfect subtree this leaf completes: its left child is stored, its right child is
    // the node just computed.
    for (const node of completedNodes(index)) {
      hash = hashChildren(await readOneNode(trx, node.level - 1, 2 * node.index), hash);
      await trx
        .insertInto('issuer_log_nodes')
        .values({ level: node.level, node_index: node.index, hash: Buffer.from(hash) })
        .execute();
    }
    if (entry.type === 'badge-definition') {
      await trx
        .insertInto('issuer_log_definitions')
        .values({ leaf_index: index, badge: entry.badge, definition_hash: entry.definitionHash })
        .execute();
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

  const checkSize = async (treeSize: number) => {
    if (!Number.isSafeInteger(treeSize) || treeSize < 0 || treeSize > (await readSize(kysely))) {
      throw new RangeError(`the log has no tree of size ${treeSize}`);
    }
  };

  const selectEntry = () => kysely.selectFrom('issuer_log_entries').select(entryColumns);

  return {
    append,
    async appendIssuance(trx, credentialId, issued, now) {
      const row = await trx
        .selectFrom('issuer_credentials')
        .select(['achievement_id', 'issued_at'])
        .where('id', '=', credentialId)
        .executeTakeFirst();
      if (!row) throw new RangeError(`no credential ${credentialId}`);
      const status = (
        await trx
          .selectFrom('issuer_status_entries as e')
          .innerJoin('issuer_status_lists as l', 'l.id', 'e.list_id')
          .select(['l.purpose', 'e.list_id', 'e.list_index'])
          .where('e.credential_id', '=', credentialId)
          .orderBy('l.purpose')
          .orderBy('e.list_id')
          .execute()
      ).map((entry) => ({
        purpose: entry.purpose,
        list: entry.list_id,
        index: Number(entry.list_index),
      }));
      // The lock first: the badge definition read below is then the latest any instance logged.
      await lockInTransaction(trx as Transaction<unknown>, database.engine, appendLock);
      const definition =
        row.achievement_id === null ? undefined : await latestDefinition(trx, row.achievement_id);
      const leafIndex = await append(
        trx,
        {
          type: 'issuance',
          credentialHash: issuedHash(issued),
          badge: row.achievement_id,
          format: issued.format,
          status,
          issuedAt: row.issued_at,
          definition: definition === undefined ? null : Number(definition.leaf_index),
        },
        credentialId,
        now,
      );
      await trx
        .updateTable('issuer_credentials')
        .set({ log_leaf_index: leafIndex })
        .where('id', '=', credentialId)
        .execute();
      return leafIndex;
    },
    async credentialHash(trx, credentialId) {
      const row = await trx
        .selectFrom('issuer_credentials')
        .select(['format', 'jwt', 'json', 'signed'])
        .where('id', '=', credentialId)
        .executeTakeFirst();
      if (!row || Number(row.signed) === 0) return undefined;
      return issuedHash({
        format: row.format,
        jwt: row.jwt,
        credential: JSON.parse(row.json) as Record<string, unknown>,
      });
    },
    async size() {
      return readSize(kysely);
    },
    async rootHash(treeSize) {
      await checkSize(treeSize);
      return withStoredNodes(kysely, (read) => treeHash(treeSize, read));
    },
    async inclusionProof(index, treeSize) {
      await checkSize(treeSize);
      return withStoredNodes(kysely, (read) => inclusionProof(index, treeSize, read));
    },
    async consistencyProof(from, to) {
      await checkSize(to);
      return withStoredNodes(kysely, (read) => consistencyProof(from, to, read));
    },
    async tile(level, index, width, treeSize) {
      // C2SP tlog-tiles: tile (L, N) holds the nodes N*256 .. N*256+255 of tree level 8L.
      const treeLevel = 8 * level;
      const start = index * 256;
      const available = Math.floor(treeSize / 2 ** treeLevel);
      if (start + width > available || treeSize > (await readSize(kysely))) return undefined;
      const hashes = (
        treeLevel === 0
          ? await kysely
              .selectFrom('issuer_log_entries')
              .select('leaf_hash as hash')
              .where('leaf_index', '>=', start)
              .where('leaf_index', '<', start + width)
              .orderBy('leaf_index')
              .execute()
          : await kysely
              .selectFrom('issuer_log_nodes')
              .select('hash')
              .where('level', '=', treeLevel)
              .where('node_index', '>=', start)
              .where('node_index', '<', start + width)
              .orderBy('node_index')
              .execute()
      ).map((row) => row.hash);
      return hashes.length === width ? new Uint8Array(Buffer.concat(hashes)) : undefined;
    },
    async entries(start, end, treeSize) {
      if (start < 0 || end > treeSize || start >= end || treeSize > (await readSize(kysely))) {
        return undefined;
      }
      const rows = await kysely
        .selectFrom('issuer_log_entries')
        .select('entry')
        .where('leaf_index', '>=', start)
        .where('leaf_index', '<', end)
        .orderBy('leaf_index')
        .execute();
      return rows.map((row) => new Uint8Array(row.entry));
    },
    async findByLeafIndex(leafIndex) {
      const row = await selectEntry().where('leaf_index', '=', leafIndex).executeTakeFirst();
      return row && toEntry(row);
    },
    async findByLeafHash(leafHash) {
      if (leafHash.length !== 32) return undefined;
      const row = await selectEntry()
        .where('leaf_key', '=', leafKey(leafHash))
        .where('leaf_hash', '=', Buffer.from(leafHash))
        .orderBy('leaf_index')
        .limit(1)
        .executeTakeFirst();
      return row && toEntry(row);
    },
    async findIssuance(credentialId) {
      const row = await selectEntry()
        .where('leaf_index', '=', (eb) =>
          eb
            .selectFrom('issuer_credentials')
            .select('log_leaf_index')
            .where('id', '=', credentialId),
        )
        .executeTakeFirst();
      return row && toEntry(row);
    },
    async latestCredentialEntry(credentialId, treeSize) {
      const row = await selectEntry()
        .where('credential_id', '=', credentialId)
        .where('leaf_index', '<', treeSize)
        .orderBy('leaf_index', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toEntry(row);
    },
    async recentEntries(limit) {
      const rows = await selectEntry().orderBy('leaf_index', 'desc').limit(limit).execute();
      return rows.map(toEntry);
    },
    async latestCheckpoint(): Promise<CheckpointRecord | undefined> {
      const row = await kysely
        .selectFrom('issuer_log_checkpoints')
        .selectAll()
        .orderBy('size', 'desc')
        .limit(1)
        .executeTakeFirst();
      return (
        row && {
          size: Number(row.size),
          rootHash: new Uint8Array(row.root_hash),
          note: row.note,
          signedAt: row.signed_at,
        }
      );
    },
    async saveCheckpoint(checkpoint) {
      await kysely
        .insertInto('issuer_log_checkpoints')
        .values({
          size: checkpoint.size,
          root_hash: Buffer.from(checkpoint.rootHash),
          note: checkpoint.note,
          signed_at: checkpoint.signedAt,
        })
        .onConflict((conflict) => conflict.column('size').doNothing())
        .execute();
    },
    async logBadgeDefinitions(versions, now) {
      return kysely.transaction().execute(async (trx) => {
        // Instances starting together log each new definition once: the second waits here.
        await lockInTransaction(trx as Transaction<unknown>, database.engine, appendLock);
        const latest = new Map<string, number>();
        for (const version of versions) {
          const row = await latestDefinition(trx, version.badge);
          latest.set(
            version.badge,
            row?.definition_hash === version.entry.definitionHash
              ? Number(row.leaf_index)
              : await append(trx, version.entry, null, now),
          );
        }
        return latest;
      });
    },
  };
}
