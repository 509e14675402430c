import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import type { SqliteDatabase } from '../sqlite/open-database.js';

/**
 * Kysely's SQLite dialect with every transaction begun IMMEDIATE: the write lock is taken first,
 * so processes sharing one WAL file queue on it (busy_timeout) instead of failing to upgrade a
 * read lock half-way through (SQLITE_BUSY_SNAPSHOT).
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(handle: SqliteDatabase) {
    super({ database: handle });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection): Promise<void> => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}
