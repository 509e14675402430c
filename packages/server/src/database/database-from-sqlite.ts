import { Kysely } from 'kysely';
import type { SqliteDatabase } from '../sqlite/open-database.js';
import type { Database } from './database.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

// One Kysely per connection: Kysely serialises a SQLite connection with its own lock, so two
// wrappers of one handle could slip a statement into each other's transaction.
const wrapped = new WeakMap<SqliteDatabase, Database>();

/**
 * The {@link Database} over an open better-sqlite3 connection (see `openDatabase`): the same
 * wrapper each time for one connection. Closing it closes the connection.
 *
 * @example
 * ```ts
 * const database = databaseFromSqlite(openDatabase(':memory:'));
 * ```
 */
export function databaseFromSqlite<Tables = unknown>(handle: SqliteDatabase): Database<Tables> {
  let database = wrapped.get(handle);
  if (!database) {
    const kysely = new Kysely<unknown>({ dialect: new ImmediateSqliteDialect(handle) });
    database = {
      engine: 'sqlite',
      kysely,
      close: async () => {
        if (handle.open) handle.close();
      },
    };
    wrapped.set(handle, database);
  }
  return database as Database<Tables>;
}
