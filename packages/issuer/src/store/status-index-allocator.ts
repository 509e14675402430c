import { randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '@skillproof/server/sqlite';
import {
  statusListLength,
  statusPurposes,
  type StatusAllocation,
  type StatusPurpose,
} from '../ports/status-list-store.js';
import {
  createStatusIndexPermutation,
  type StatusIndexPermutation,
} from './status-index-permutation.js';

/** Hands out status list entries; see {@link createStatusIndexAllocator}. */
export interface StatusIndexAllocator {
  /**
   * One fresh entry per purpose (default: every purpose) for `credentialId`, opening a new list
   * when one is full. Must run inside the caller's transaction, which commits (or rolls back)
   * the entries with whatever else it writes.
   */
  allocate(
    credentialId: string,
    now: string,
    purposes?: readonly StatusPurpose[],
  ): StatusAllocation[];
}

interface OpenListRow {
  id: string;
  length: number;
  next_index: number;
  permutation_key: string;
}

/**
 * The one place status list entries are handed out, shared by the status list store and the
 * issuer store (which allocates inside the transaction that reserves a credential). Within a
 * list, indexes come in a keyed pseudo-random order that never repeats: entry `n` gets
 * `permutation(n)` from a committed counter. `length` is the size of lists it opens.
 *
 * @throws TypeError when `length` is not a positive multiple of 8.
 * @example
 * ```ts
 * const allocator = createStatusIndexAllocator(db);
 * const reserve = db.transaction((id: string, now: string) => allocator.allocate(id, now));
 * ```
 */
export function createStatusIndexAllocator(
  db: SqliteDatabase,
  length: number = statusListLength,
): StatusIndexAllocator {
  if (!Number.isInteger(length) || length < 8 || length % 8 !== 0) {
    throw new TypeError('a status list length must be a positive multiple of 8');
  }
  const selectOpenList = db.prepare(
    `SELECT id, length, next_index, permutation_key FROM issuer_status_lists
     WHERE purpose = ? AND next_index < length
     ORDER BY created_at, id LIMIT 1`,
  );
  const countLists = db.prepare(
    'SELECT COUNT(*) AS count FROM issuer_status_lists WHERE purpose = ?',
  );
  const insertList = db.prepare(
    `INSERT INTO issuer_status_lists (id, purpose, length, permutation_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const selectList = db.prepare(
    'SELECT id, length, next_index, permutation_key FROM issuer_status_lists WHERE id = ?',
  );
  const takeIndex = db.prepare(
    'UPDATE issuer_status_lists SET next_index = next_index + 1 WHERE id = ? AND next_index = ?',
  );
  const insertEntry = db.prepare(
    `INSERT INTO issuer_status_entries (list_id, list_index, credential_id, allocated_at)
     VALUES (?, ?, ?, ?)`,
  );

  // Each list's permutation, built on first use in this process (from the key stored with it).
  const permutations = new Map<string, StatusIndexPermutation>();
  const permutationOf = (list: OpenListRow): StatusIndexPermutation => {
    let permutation = permutations.get(list.id);
    if (!permutation) {
      permutation = createStatusIndexPermutation(
        Buffer.from(list.permutation_key, 'hex'),
        list.length,
      );
      permutations.set(list.id, permutation);
    }
    return permutation;
  };

  const openList = (purpose: StatusPurpose, now: string): OpenListRow => {
    const open = selectOpenList.get(purpose) as OpenListRow | undefined;
    if (open) return open;
    const { count } = countLists.get(purpose) as { count: number };
    const id = `${purpose}-${count + 1}`;
    insertList.run(id, purpose, length, randomBytes(32).toString('hex'), now, now);
    return selectList.get(id) as OpenListRow;
  };

  return {
    allocate(credentialId, now, purposes = statusPurposes) {
      if (!db.inTransaction) {
        throw new Error('status entries are allocated inside a transaction');
      }
      return purposes.map((purpose) => {
        const list = openList(purpose, now);
        const position = list.next_index;
        const index = permutationOf(list)(position);
        // The guard on next_index makes a lost update impossible even if two connections race.
        if (takeIndex.run(list.id, position).changes !== 1) {
          throw new Error(`status list ${list.id} changed under an allocation`);
        }
        insertEntry.run(list.id, index, credentialId, now);
        return { purpose, listId: list.id, index };
      });
    },
  };
}
