import type { Kysely } from 'kysely';
import { agentDatabaseMigrations } from '@skillproof/server/agent';
import {
  checkDatabaseReadiness,
  databaseFromSqlite,
  migrateDatabase,
  rateLimitMigrations,
  type Database,
  type DatabaseReadiness,
} from '@skillproof/server/database';
import type { SqliteDatabase } from '@skillproof/server/sqlite';
import { issuerMigrations } from './issuer-migrations.js';
import type { IssuerTables } from './issuer-tables.js';
import { webOfferMigrations } from './web-offer-migrations.js';

/** The database an issuer store is opened on: either engine, or a bare SQLite connection. */
export type IssuerDatabase = Database | SqliteDatabase;

/** `db` as a {@link Database} (the one wrapper of a SQLite connection). */
export function issuerDatabase(db: IssuerDatabase): Database {
  return 'kysely' in db ? db : databaseFromSqlite(db);
}

/** The issuer's tables, typed, on `database`. */
export function issuerTables(database: Database): Kysely<IssuerTables> {
  return database.kysely as Kysely<IssuerTables>;
}

/**
 * Brings every table the issuer keeps up to date: its own (scope `issuer`), the web pages'
 * offers (`issuer-web`), the rate-limit counters and the issuer's key store (`agent`). Safe when
 * several instances run it at once; the admin `migrate` command runs it before new instances
 * roll out. Returns the versions applied, per scope.
 *
 * @example
 * ```ts
 * await migrateIssuerDatabase(openDatabaseFromConfig({ url, sqliteFile }));
 * ```
 */
export async function migrateIssuerDatabase(db: IssuerDatabase): Promise<Record<string, number[]>> {
  const database = issuerDatabase(db);
  return {
    issuer: await migrateDatabase(database, 'issuer', issuerMigrations),
    'issuer-web': await migrateDatabase(database, 'issuer-web', webOfferMigrations),
    'rate-limits': await migrateDatabase(database, 'rate-limits', rateLimitMigrations),
    agent: await migrateDatabase(database, 'agent', agentDatabaseMigrations),
  };
}

/**
 * Whether the issuer's database answers and holds the schema this code needs (`/readyz`).
 *
 * @example
 * ```ts
 * (await checkIssuerReadiness(database)).ready; // true once migrated
 * ```
 */
export function checkIssuerReadiness(db: IssuerDatabase): Promise<DatabaseReadiness> {
  return checkDatabaseReadiness(issuerDatabase(db), {
    issuer: issuerMigrations.length,
    'issuer-web': webOfferMigrations.length,
    'rate-limits': rateLimitMigrations.length,
    agent: agentDatabaseMigrations.length,
  });
}
