import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SkillproofError } from '@skillproof/core';
import {
  openDatabaseFromConfig,
  type Database,
  type DatabaseSettings,
} from '@skillproof/server/database';
import type { StatusListStore } from '../ports/status-list-store.js';
import { createIssuerStore } from '../store/database-issuer-store.js';
import { createDatabaseTransparencyLog } from '../store/database-transparency-log.js';
import { createStatusListStore } from '../store/database-status-list-store.js';

/** The issuer's database, opened for the admin commands. */
export interface IssuerData {
  db: Database;
  statusLists: StatusListStore;
  close(): Promise<void>;
}

/**
 * The issuer's database as the service opens it: the PostgreSQL server of `settings.url`
 * (`DATABASE_URL`) when set, else `<dataDir>/issuer.db`. With `mustExist` (every command but
 * `migrate`) a missing SQLite file is an error, not a new empty database.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when `mustExist` and there is no issuer database.
 */
export function openIssuerDatabase(
  dataDir: string,
  settings: Partial<DatabaseSettings> = {},
  mustExist = true,
): Database {
  const path = join(dataDir, 'issuer.db');
  // Never create an empty database: a wrong DATA_DIR must be an error, not an empty list.
  if (settings.url === undefined && mustExist && !existsSync(path)) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `no issuer database at ${path}; set DATA_DIR to the issuer's data directory`,
    );
  }
  return openDatabaseFromConfig({
    url: settings.url,
    poolSize: settings.poolSize,
    statementTimeoutMs: settings.statementTimeoutMs,
    sqliteFile: path,
  });
}

/**
 * Opens the issuer's database (see {@link openIssuerDatabase}), that of a running (or stopped)
 * issuer: SQLite in WAL mode, like PostgreSQL, lets the admin commands write while the service
 * runs, and the service re-signs a status list on its next read after a change. No keys are
 * needed: only the service signs.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when there is no issuer database there.
 * @example
 * ```ts
 * const data = await openIssuerData('./.skillproof/issuer');
 * try { await listCommand(data, {}); } finally { await data.close(); }
 * ```
 */
export async function openIssuerData(
  dataDir: string,
  settings: Partial<DatabaseSettings> = {},
): Promise<IssuerData> {
  const db = openIssuerDatabase(dataDir, settings);
  try {
    // Status changes made here are logged as the service logs them, in their transaction.
    const transparencyLog = await createDatabaseTransparencyLog(db);
    await createIssuerStore(db, { transparencyLog });
    return {
      db,
      statusLists: createStatusListStore(db, { transparencyLog }),
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
