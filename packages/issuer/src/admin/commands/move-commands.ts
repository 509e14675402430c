import { join } from 'node:path';
import { SkillproofError } from '@skillproof/core';
import {
  copySqliteToPostgres,
  DatabaseCopyError,
  isPostgresUrl,
  openDatabaseFromConfig,
  type DatabaseSettings,
} from '@skillproof/server/database';
import { backupSqliteFile } from '@skillproof/server/sqlite';
import { migrateIssuerDatabase } from '../../store/issuer-database.js';
import { openIssuerDatabase } from '../open-issuer-data.js';

/**
 * `admin backup <file>`: a consistent copy of the live `<dataDir>/issuer.db` (SQLite's online
 * backup API). On PostgreSQL `pg_dump` is the tool.
 *
 * @throws SkillproofError `VALIDATION_FAILED` on PostgreSQL or without a file; `CONFLICT` when
 * the file exists (a backup never overwrites).
 */
export async function backupCommand(
  dataDir: string,
  settings: Partial<DatabaseSettings>,
  destination: string | undefined,
): Promise<{ destination: string; pages: number }> {
  if (isPostgresUrl(settings.url)) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'backup copies the SQLite database; on PostgreSQL use pg_dump',
    );
  }
  if (destination === undefined) {
    throw new SkillproofError('VALIDATION_FAILED', 'backup takes the file to write');
  }
  try {
    return await backupSqliteFile(join(dataDir, 'issuer.db'), destination);
  } catch (error) {
    throw new SkillproofError('CONFLICT', (error as Error).message);
  }
}

/**
 * `admin export-to-postgres <url>`: migrates `<dataDir>/issuer.db` and the (empty) PostgreSQL
 * database at `url`, then copies every table in one transaction (see `copySqliteToPostgres`).
 *
 * @throws SkillproofError `VALIDATION_FAILED` for a URL that is not PostgreSQL or when
 * DATABASE_URL is set; `CONFLICT` when the copy is refused (nothing written).
 */
export async function exportToPostgresCommand(
  dataDir: string,
  settings: Partial<DatabaseSettings>,
  url: string | undefined,
  onProgress?: (table: string, done: number, total: number) => void,
): Promise<Array<{ table: string; rows: number }>> {
  if (url === undefined || !isPostgresUrl(url)) {
    throw new SkillproofError('VALIDATION_FAILED', 'export-to-postgres takes one postgres:// URL');
  }
  if (settings.url !== undefined) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'export-to-postgres copies the SQLite database: unset DATABASE_URL',
    );
  }
  const sqlite = openIssuerDatabase(dataDir, {});
  const postgres = openDatabaseFromConfig({ url, sqliteFile: ':memory:' });
  try {
    await migrateIssuerDatabase(sqlite);
    await migrateIssuerDatabase(postgres);
    return await copySqliteToPostgres(sqlite, postgres, onProgress ? { onProgress } : {});
  } catch (error) {
    if (error instanceof DatabaseCopyError) {
      throw new SkillproofError('CONFLICT', `${error.message}; nothing was written`);
    }
    throw error;
  } finally {
    await postgres.close();
    await sqlite.close();
  }
}
