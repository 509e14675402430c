import type { Kysely } from 'kysely';

/** The engines a Skillproof store runs on: embedded SQLite (the default) or a PostgreSQL server. */
export type DatabaseEngine = 'sqlite' | 'postgres';

/**
 * A service's database, whichever engine holds it: stores write their queries once against
 * `kysely`; only the migration layer may look at `engine` (a type that truly differs).
 */
export interface Database<Tables = unknown> {
  engine: DatabaseEngine;
  kysely: Kysely<Tables>;
  /** Closes the connection (SQLite) or ends the pool (PostgreSQL). */
  close(): Promise<void>;
}
