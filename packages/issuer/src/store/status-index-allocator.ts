import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { lockInTransaction, type DatabaseEngine } from '@skillproof/server/database';
import {
  statusListLength,
  statusPurposes,
  type StatusAllocation,
  type StatusPurpose,
} from '../ports/status-list-store.js';
import type { IssuerTables } from './issuer-tables.js';
import {
  createStatusIndexPermutation,
  type StatusIndexPermutation,
} from './status-index-permutation.js';

/** Hands out status list entries; see {@link createStatusIndexAllocator}. */
export interface StatusIndexAllocator {
  /**
   * One fresh entry per purpose (default: every purpose) for `credentialId`, opening a new list
   * when one is full, in the caller's transaction `trx`, which commits (or rolls back) the
   * entries with whatever else it writes.
   */
  allocate(
    trx: Transaction<IssuerTables>,
    credentialId: string,
    now: string,
    purposes?: readonly StatusPurpose[],
  ): Promise<StatusAllocation[]>;
}

interface TakenPosition {
  id: string;
  length: number;
  /** The list's counter after this allocation: the entry's position is one less. */
  next_index: number;
  permutation_key: string;
}

/**
 * The one place status list entries are handed out, shared by the status list store and the
 * issuer store (which allocates inside the transaction that reserves a credential). Within a
 * list, indexes come in a keyed pseudo-random order that never repeats: entry `n` gets
 * `permutation(n)` from a committed counter. Each purpose's allocations take one lock
 * (`lockInTransaction`) until their transaction ends: on PostgreSQL the instances' allocations
 * queue there (they would queue on the open list's row anyway) and finding the open list,
 * taking its next position and opening the next list are one step; on SQLite the transaction
 * holds the write lock. `length` is the size of lists it opens.
 *
 * @throws TypeError when `length` is not a positive multiple of 8.
 * @example
 * ```ts
 * const allocator = createStatusIndexAllocator(database.engine);
 * await kysely.transaction().execute((trx) => allocator.allocate(trx, id, now));
 * ```
 */
export function createStatusIndexAllocator(
  engine: DatabaseEngine,
  length: number = statusListLength,
): StatusIndexAllocator {
  if (!Number.isInteger(length) || length < 8 || length % 8 !== 0) {
    throw new TypeError('a status list length must be a positive multiple of 8');
  }

  // Each list's permutation, built on first use in this process (from the key stored with it).
  const permutations = new Map<string, StatusIndexPermutation>();
  const permutationOf = (list: TakenPosition): StatusIndexPermutation => {
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

  const takePosition = async (
    trx: Transaction<IssuerTables>,
    purpose: StatusPurpose,
    now: string,
  ): Promise<TakenPosition> => {
    await lockInTransaction(trx as Transaction<unknown>, engine, `issuer status lists ${purpose}`);
    const open = await trx
      .selectFrom('issuer_status_lists')
      .select('id')
      .where('purpose', '=', purpose)
      .whereRef('next_index', '<', 'length')
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    let id = open?.id;
    if (id === undefined) {
      const { count } = await trx
        .selectFrom('issuer_status_lists')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('purpose', '=', purpose)
        .executeTakeFirstOrThrow();
      id = `${purpose}-${Number(count) + 1}`;
      await trx
        .insertInto('issuer_status_lists')
        .values({
          id,
          purpose,
          length,
          next_index: 0,
          permutation_key: randomBytes(32).toString('hex'),
          version: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    // The guard on next_index keeps a list from overflowing whatever else writes to it.
    const taken = await trx
      .updateTable('issuer_status_lists')
      .set((eb) => ({ next_index: eb('next_index', '+', 1) }))
      .where('id', '=', id)
      .whereRef('next_index', '<', 'length')
      .returning(['id', 'length', 'next_index', 'permutation_key'])
      .executeTakeFirst();
    if (!taken) throw new Error(`status list ${id} changed under an allocation`);
    return taken;
  };

  return {
    async allocate(trx, credentialId, now, purposes = statusPurposes) {
      const allocations: StatusAllocation[] = [];
      for (const purpose of purposes) {
        const list = await takePosition(trx, purpose, now);
        const index = permutationOf(list)(list.next_index - 1);
        await trx
          .insertInto('issuer_status_entries')
          .values({
            list_id: list.id,
            list_index: index,
            credential_id: credentialId,
            status: 0,
            allocated_at: now,
            updated_at: null,
          })
          .execute();
        allocations.push({ purpose, listId: list.id, index });
      }
      return allocations;
    },
  };
}
