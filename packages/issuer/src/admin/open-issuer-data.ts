import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SkillproofError } from '@skillproof/core';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import type { StatusListStore } from '../ports/status-list-store.js';
import { createIssuerStore } from '../store/sqlite-issuer-store.js';
import { createSqliteTransparencyLog } from '../store/sqlite-transparency-log.js';
import { createStatusListStore } from '../store/sqlite-status-list-store.js';

/** The issuer's database, opened for the admin commands. */
export interface IssuerData {
  db: SqliteDatabase;
  statusLists: StatusListStore;
  close(): void;
}

/**
 * Opens `<dataDir>/issuer.db`, the database of a running (or stopped) issuer: SQLite in WAL mode
 * lets the admin commands write while the service runs, and the service re-signs a status list
 * on its next read after a change. No keys are needed: only the service signs.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when there is no issuer database there.
 * @example
 * ```ts
 * const data = openIssuerData('./.skillproof/issuer');
 * try { await listCommand(data, {}); } finally { data.close(); }
 * ```
 */
export function openIssuerData(dataDir: string): IssuerData {
  const path = join(dataDir, 'issuer.db');
  // Never create an empty database: a wrong DATA_DIR must be an error, not an empty list.
  if (!existsSync(path)) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `no issuer database at ${path}; set DATA_DIR to the issuer's data directory`,
    );
  }
  const db = openDatabase(path);
  try {
    // Status changes made here are logged as the service logs them, in their transaction.
    const transparencyLog = createSqliteTransparencyLog(db);
    createIssuerStore(db, { transparencyLog });
    return {
      db,
      statusLists: createStatusListStore(db, { transparencyLog }),
      close: () => db.close(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
