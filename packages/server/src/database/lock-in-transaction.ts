import { sql, type Transaction } from 'kysely';
import type { DatabaseEngine } from './database.js';

/**
 * Takes the lock called `name` for the rest of the transaction `trx`, so that transactions of
 * every instance that take it run their locked part one after another: on PostgreSQL a
 * transaction-scoped advisory lock (`pg_advisory_xact_lock`, released at commit or rollback); on
 * SQLite nothing more is needed, as every transaction already holds the database's write lock
 * (they begin IMMEDIATE). For what one row can't serialise, such as appending to a sequence
 * numbered by `MAX(…) + 1`.
 *
 * @example
 * ```ts
 * await kysely.transaction().execute(async (trx) => {
 *   await lockInTransaction(trx, database.engine, 'issuer transparency log');
 *   // read the log's size, append
 * });
 * ```
 */
export async function lockInTransaction(
  trx: Transaction<unknown>,
  engine: DatabaseEngine,
  name: string,
): Promise<void> {
  if (engine === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
  }
}
