import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../sqlite/open-database.js';
import type { Database } from './database.js';
import { databaseFromSqlite } from './database-from-sqlite.js';

/** Where a service keeps its state: see {@link openDatabaseFromConfig}. */
export interface DatabaseConfig {
  /** `postgres://…` (or `postgresql://…`) for a PostgreSQL server; unset: SQLite. */
  url?: string | undefined;
  /** The SQLite file (or `:memory:`) used when `url` is unset. */
  sqliteFile: string;
  /** Connections in the PostgreSQL pool, per process. Default 10. */
  poolSize?: number | undefined;
  /** PostgreSQL aborts a statement that runs longer, in milliseconds. Default 10 000; 0: never. */
  statementTimeoutMs?: number | undefined;
  /**
   * Told when a pooled connection fails (the server restarted or ended it): the pool drops it
   * and opens another on the next query, so this is for the log only.
   */
  onIdleConnectionError?: (error: Error) => void;
}

/** Whether `url` names a PostgreSQL server. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Opens the service's database: PostgreSQL through a `pg` pool when `config.url` is a
 * `postgres://` URL, otherwise the SQLite file (WAL, foreign keys; see `openDatabase`). Opening
 * a pool connects to nothing yet: the first query (the migrations) does.
 *
 * @throws TypeError when `url` is set but not a PostgreSQL URL.
 * @example
 * ```ts
 * const database = openDatabaseFromConfig({ url: process.env.DATABASE_URL, sqliteFile: join(dataDir, 'jobboard.db') });
 * ```
 */
export function openDatabaseFromConfig<Tables = unknown>(config: DatabaseConfig): Database<Tables> {
  if (config.url === undefined) return databaseFromSqlite<Tables>(openDatabase(config.sqliteFile));
  if (!isPostgresUrl(config.url)) {
    throw new TypeError('a database URL must start with postgres:// or postgresql://');
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    statement_timeout: config.statementTimeoutMs ?? 10_000,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // Without listeners, a connection's error event (the server ended it: a restart, a failover,
  // pg_terminate_backend) would crash the process. The pool reports idle connections; a client
  // checked out when its server goes away reports on itself, and its query fails on its own
  // (503 through the error handler); the pool then drops it instead of reusing it.
  pool.on('error', (error) => config.onIdleConnectionError?.(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => config.onIdleConnectionError?.(error));
  });
  const kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { engine: 'postgres', kysely, close: () => kysely.destroy() };
}
