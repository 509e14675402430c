import { sql } from 'kysely';
import type { DatabaseEngine, DatabaseMigration } from '@skillproof/server/database';

// The few words of the issuer's DDL that PostgreSQL spells differently: bytes are bytea, the
// leaf key is a 64-bit integer (SQLite's INTEGER is 64 bits anyway) and every PostgreSQL table
// is what SQLite calls WITHOUT ROWID.
const postgresSpelling: readonly [RegExp, string][] = [
  [/\bBLOB\b/g, 'BYTEA'],
  [/\bleaf_key INTEGER\b/g, 'leaf_key BIGINT'],
  [/\)\s*WITHOUT ROWID/g, ')'],
];

/** `text`'s statements, without comments, in the spelling of `engine`. */
export function migrationStatements(text: string, engine: DatabaseEngine): string[] {
  let spelled = text.replace(/--[^\n]*/g, '');
  if (engine === 'postgres') {
    for (const [pattern, replacement] of postgresSpelling) {
      spelled = spelled.replace(pattern, replacement);
    }
  }
  return spelled
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * A schema step written as the SQL its SQLite release ran (so that a SQLite file it made carries
 * on from its version unchanged), run on either engine: on PostgreSQL with the spelling above.
 * Statements run one by one in the migration's transaction.
 *
 * @example
 * ```ts
 * const step = sqlMigrationStep('CREATE TABLE t (id TEXT PRIMARY KEY, hash BLOB NOT NULL);');
 * ```
 */
export function sqlMigrationStep(text: string): DatabaseMigration['up'] {
  return async (db, engine) => {
    for (const statement of migrationStatements(text, engine)) {
      await sql.raw(statement).execute(db);
    }
  };
}
