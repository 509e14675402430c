import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DatabaseEngine } from './database.js';

/**
 * One schema step, written once for both engines with Kysely's schema builder (or SQL both
 * engines read). `engine` is for the rare type or column that truly differs; stores never see it.
 * Versions start at 1 and never change once released.
 */
export interface DatabaseMigration {
  version: number;
  description: string;
  up(db: Kysely<unknown>, engine: DatabaseEngine): Promise<void>;
}

interface MigrationTables {
  schema_migrations: { scope: string; version: number; description: string; applied_at: string };
}

/**
 * Runs `step` in a transaction that holds the database's one migration lock: SQLite's write lock
 * (transactions begin IMMEDIATE) or, on PostgreSQL, a transaction-scoped advisory lock, so
 * instances starting together migrate one after another and each sees the others' work.
 */
async function underMigrationLock<T>(
  database: Database,
  step: (trx: Transaction<MigrationTables>) => Promise<T>,
): Promise<T> {
  const kysely = database.kysely as Kysely<MigrationTables>;
  return kysely.transaction().execute(async (trx) => {
    if (database.engine === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(hashtext('skillproof schema_migrations'))`.execute(
        trx,
      );
    }
    return step(trx);
  });
}

async function currentVersion(db: Kysely<MigrationTables>, scope: string): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('scope', '=', scope)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/**
 * Brings the tables of one `scope` (a package or a store) up to date on either engine, each step
 * in its own transaction under the migration lock, and records the versions applied in
 * `schema_migrations` (the table SQLite's `migrate` keeps, so a database it made carries on
 * here). Safe when several instances start at once. Returns the versions it applied.
 *
 * @throws Error when the database holds a version newer than this code knows: an older binary
 * must not write to a newer schema.
 * @example
 * ```ts
 * await migrateDatabase(database, 'jobboard', jobboardMigrations);
 * ```
 */
export async function migrateDatabase(
  database: Database,
  scope: string,
  migrations: readonly DatabaseMigration[],
): Promise<number[]> {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new TypeError(`migrations of ${scope} must be numbered 1..n without gaps`);
    }
  });
  await underMigrationLock(database, (trx) =>
    trx.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('scope', 'text', (column) => column.notNull())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('description', 'text', (column) => column.notNull())
      .addColumn('applied_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('schema_migrations_pkey', ['scope', 'version'])
      .execute(),
  );
  const applied: number[] = [];
  for (;;) {
    const version = await underMigrationLock(database, async (trx) => {
      const current = await currentVersion(trx, scope);
      if (current > sorted.length) {
        throw new Error(
          `the ${scope} schema is at version ${current} but this code knows only ${sorted.length}; upgrade Skillproof`,
        );
      }
      const migration = sorted[current];
      if (!migration) return undefined;
      await migration.up(trx as unknown as Kysely<unknown>, database.engine);
      await trx
        .insertInto('schema_migrations')
        .values({
          scope,
          version: migration.version,
          description: migration.description,
          applied_at: new Date().toISOString(),
        })
        .execute();
      return migration.version;
    });
    if (version === undefined) return applied;
    applied.push(version);
  }
}

/** What {@link checkDatabaseReadiness} found. */
export interface DatabaseReadiness {
  ready: boolean;
  /** Why not, in words for an operator (never a connection string). */
  reason?: string;
}

/**
 * Whether the database answers and holds every scope at (at least) the version this code
 * needs: the readiness a load balancer asks for (`/readyz`) before sending traffic.
 *
 * @example
 * ```ts
 * await checkDatabaseReadiness(database, { jobboard: jobboardMigrations.length }); // { ready: true }
 * ```
 */
export async function checkDatabaseReadiness(
  database: Database,
  versions: Readonly<Record<string, number>>,
): Promise<DatabaseReadiness> {
  const kysely = database.kysely as Kysely<MigrationTables>;
  try {
    for (const [scope, needed] of Object.entries(versions)) {
      const current = await currentVersion(kysely, scope);
      if (current < needed) {
        return {
          ready: false,
          reason: `the ${scope} schema is at version ${current}, this code needs ${needed}: run migrate`,
        };
      }
    }
    return { ready: true };
  } catch {
    return { ready: false, reason: 'the database is unreachable or not migrated' };
  }
}
