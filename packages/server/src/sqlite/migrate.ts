import type { SqliteDatabase } from './open-database.js';

/** One schema step. Versions start at 1 and never change once released. */
export interface Migration {
  version: number;
  description: string;
  up: string | ((db: SqliteDatabase) => void);
}

/**
 * Brings the tables of one `scope` (a package or a store) up to date, each step in its own
 * transaction, and records the versions applied in `schema_migrations`. Several scopes share a
 * database without clashing. Returns the versions it applied.
 *
 * @throws Error when the database holds a version newer than this code knows: an older binary
 * must not write to a newer schema.
 */
export function migrate(
  db: SqliteDatabase,
  scope: string,
  migrations: readonly Migration[],
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (scope, version)
  )`);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new TypeError(`migrations of ${scope} must be numbered 1..n without gaps`);
    }
  });
  const row = db
    .prepare('SELECT MAX(version) AS version FROM schema_migrations WHERE scope = ?')
    .get(scope) as { version: number | null };
  const current = row.version ?? 0;
  if (current > sorted.length) {
    throw new Error(
      `the ${scope} schema is at version ${current} but this code knows only ${sorted.length}; upgrade Skillproof`,
    );
  }
  const applied: number[] = [];
  const record = db.prepare(
    'INSERT INTO schema_migrations (scope, version, description, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const migration of sorted.slice(current)) {
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      record.run(scope, migration.version, migration.description, new Date().toISOString());
    })();
    applied.push(migration.version);
  }
  return applied;
}
