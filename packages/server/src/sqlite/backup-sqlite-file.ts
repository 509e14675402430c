import { existsSync } from 'node:fs';
import { openDatabase } from './open-database.js';

/** What {@link backupSqliteFile} wrote. */
export interface SqliteBackup {
  destination: string;
  /** Database pages copied. */
  pages: number;
}

/**
 * Copies a live SQLite database to `destination` with SQLite's online backup API: a consistent
 * snapshot, taken while the service keeps running and writing (the `.backup` of the `sqlite3`
 * shell, without needing it). Restoring is stopping the service and putting the copy in the
 * database file's place.
 *
 * @throws Error when `destination` already exists (a backup never overwrites) or `source` is
 * missing.
 * @example
 * ```ts
 * await backupSqliteFile('/var/lib/jobboard/jobboard.db', '/backups/jobboard-2026-12-05.db');
 * ```
 */
export async function backupSqliteFile(source: string, destination: string): Promise<SqliteBackup> {
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} exists: a backup never overwrites`);
  const db = openDatabase(source, { readonly: true });
  try {
    const { totalPages } = await db.backup(destination);
    return { destination, pages: totalPages };
  } finally {
    db.close();
  }
}
