import { sql, type Kysely } from 'kysely';
import { SkillproofError } from '@skillproof/core';
import type { Database } from './database.js';
import { migrateDatabase, type DatabaseMigration } from './migrate-database.js';

/** Options of {@link createDatabaseRateLimiter}. */
export interface DatabaseRateLimiterOptions {
  /** The service's database; the counters live in its `rate_limit_windows` table. */
  database: Database;
  /** Which limit this is (`sign-in`, `attempts`): limits with other names count apart. */
  name: string;
  /** How many hits one key may make per window. */
  limit: number;
  /** The window, in milliseconds. */
  windowMs: number;
  /** The service's injected clock. */
  now: () => Date;
}

/** Counts hits per key (a client address, an email) in fixed windows, in the database. */
export interface DatabaseRateLimiter {
  /**
   * Counts one hit for `key`.
   *
   * @throws SkillproofError `RATE_LIMITED` with `details.retryAfterSeconds` once the key has used
   * its window; the error handler turns that into 429 and `Retry-After`.
   */
  hit(key: string, what: string): Promise<void>;
}

interface RateLimitTables {
  rate_limit_windows: { name: string; key: string; window_start: number | string; hits: number };
}

/** The counters' table (scope `rate-limits`, the same step SQLite's limiter made). */
export const rateLimitMigrations: readonly DatabaseMigration[] = [
  {
    version: 1,
    description: 'fixed-window rate-limit counters',
    // Window starts are epoch milliseconds: bigint (SQLite's INTEGER is 64 bits anyway).
    up: async (db) => {
      await db.schema
        .createTable('rate_limit_windows')
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('key', 'text', (column) => column.notNull())
        .addColumn('window_start', 'bigint', (column) => column.notNull())
        .addColumn('hits', 'integer', (column) => column.notNull())
        .addPrimaryKeyConstraint('rate_limit_windows_pkey', ['name', 'key'])
        .execute();
      await db.schema
        .createIndex('rate_limit_windows_start')
        .on('rate_limit_windows')
        .column('window_start')
        .execute();
    },
  },
];

// Drop windows that ended this long ago, at most once per this many hits.
const pruneEveryHits = 1000;

/**
 * Makes sure the counters' table exists; call once before {@link createDatabaseRateLimiter}
 * (a service's start-up does, with its other migrations).
 */
export async function migrateRateLimits(database: Database): Promise<void> {
  await migrateDatabase(database, 'rate-limits', rateLimitMigrations);
}

/**
 * A fixed-window rate limiter whose counters live in the service's database on either engine,
 * so every instance serving one database shares one count. Each hit is one statement, an
 * atomic upsert (`INSERT … ON CONFLICT DO UPDATE … RETURNING`) that starts a new window when
 * the old one has ended and otherwise adds one, so two instances can't both slip under the limit.
 * The table must exist ({@link migrateRateLimits}).
 *
 * @example
 * ```ts
 * const signIns = createDatabaseRateLimiter({ database, name: 'sign-in', limit: 10, windowMs: 60_000, now });
 * await signIns.hit(req.ip ?? 'unknown', 'sign-in requests'); // RATE_LIMITED on the 11th in a minute
 * ```
 */
export function createDatabaseRateLimiter(
  options: DatabaseRateLimiterOptions,
): DatabaseRateLimiter {
  const { name, limit, windowMs, now } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError('limit must be an integer >= 1');
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new TypeError('windowMs must be a whole number of milliseconds >= 1');
  }
  const db = options.database.kysely as Kysely<RateLimitTables>;
  let hitsSincePrune = 0;

  return {
    async hit(key, what) {
      const at = now().getTime();
      const ended = at - windowMs;
      // Both engines evaluate every SET expression against the row as it was.
      const row = await db
        .insertInto('rate_limit_windows')
        .values({ name, key, window_start: at, hits: 1 })
        .onConflict((conflict) =>
          conflict.columns(['name', 'key']).doUpdateSet({
            hits: sql<number>`CASE WHEN rate_limit_windows.window_start <= ${ended} THEN 1 ELSE rate_limit_windows.hits + 1 END`,
            window_start: sql<number>`CASE WHEN rate_limit_windows.window_start <= ${ended} THEN excluded.window_start ELSE rate_limit_windows.window_start END`,
          }),
        )
        .returning(['hits', 'window_start'])
        .executeTakeFirstOrThrow();
      hitsSincePrune += 1;
      if (hitsSincePrune >= pruneEveryHits) {
        hitsSincePrune = 0;
        await db
          .deleteFrom('rate_limit_windows')
          .where('name', '=', name)
          .where('window_start', '<=', ended)
          .execute();
      }
      if (Number(row.hits) > limit) {
        const windowStart = Number(row.window_start);
        const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000));
        throw new SkillproofError(
          'RATE_LIMITED',
          `too many ${what}: try again in ${retryAfterSeconds} s`,
          { retryAfterSeconds },
        );
      }
    },
  };
}
