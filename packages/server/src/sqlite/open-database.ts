import Database from 'better-sqlite3';

/** A better-sqlite3 connection. */
export type SqliteDatabase = Database.Database;

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** How long a writer waits for a lock before failing, in milliseconds. Default 5000. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/**
 * Opens (creating if needed) a SQLite database with the settings every Skillproof store relies
 * on: WAL journal, foreign keys enforced, a busy timeout, and `synchronous = NORMAL` (durable in
 * WAL mode across process crashes).
 *
 * @example
 * ```ts
 * const db = openDatabase(join(dataDir, 'issuer.db'));
 * ```
 */
export function openDatabase(filename: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const db = new Database(filename, { readonly: options.readonly ?? false, fileMustExist: false });
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  if (filename !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}
