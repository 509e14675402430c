import { SkillproofError } from '@skillproof/core';
import { migrate, type Migration } from './migrate.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of {@link createSqliteRateLimiter}. */
export interface SqliteRateLimiterOptions {
  /** The service's database; the counters live in its `rate_limit_windows` table. */
  db: SqliteDatabase;
  /** Which limit this is (`sign-in`, `attempts`): limits with other names count apart. */
  name: string;
  /** How many hits one key may make per window. */
  limit: number;
  /** The window, in milliseconds. */
  windowMs: number;
  /** The service's injected clock. */
  now: () => Date;
}

/** Counts hits per key (a client address, a DID) in fixed windows. */
export interface RateLimiter {
  /**
   * Counts one hit for `key`.
   *
   * @throws SkillproofError `RATE_LIMITED` with `details.retryAfterSeconds` once the key has used
   * its window; the error handler turns that into 429 and `Retry-After`.
   */
  hit(key: string, what: string): void;
}

const rateLimitMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'fixed-window rate-limit counters',
    up: `
      CREATE TABLE rate_limit_windows (
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        hits INTEGER NOT NULL,
        PRIMARY KEY (name, key)
      );
      CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);
    `,
  },
];

// Drop windows that ended this long ago, at most once per this many hits.
const pruneEveryHits = 1000;

/**
 * A fixed-window rate limiter whose counters live in the service's database, so that every
 * process (or instance) serving one database shares one count. Each hit is one statement: an
 * upsert that starts a new window when the old one has ended and otherwise adds one, returning
 * the count, so two processes can't both slip under the limit.
 *
 * @example
 * ```ts
 * const signIns = createSqliteRateLimiter({ db, name: 'sign-in', limit: 10, windowMs: 60_000, now });
 * signIns.hit(req.ip ?? 'unknown', 'sign-in requests'); // throws RATE_LIMITED on the 11th in a minute
 * ```
 */
export function createSqliteRateLimiter(options: SqliteRateLimiterOptions): RateLimiter {
  const { db, name, limit, windowMs, now } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError('limit must be an integer >= 1');
  if (!Number.isInteger(windowMs) || windowMs < 1) {
    throw new TypeError('windowMs must be a whole number of milliseconds >= 1');
  }
  migrate(db, 'rate-limits', rateLimitMigrations);
  const count = db.prepare(`
    INSERT INTO rate_limit_windows (name, key, window_start, hits) VALUES (@name, @key, @at, 1)
    ON CONFLICT (name, key) DO UPDATE SET
      hits = CASE WHEN window_start <= @at - @windowMs THEN 1 ELSE hits + 1 END,
      window_start = CASE WHEN window_start <= @at - @windowMs THEN @at ELSE window_start END
    RETURNING hits, window_start AS windowStart
  `);
  const prune = db.prepare('DELETE FROM rate_limit_windows WHERE name = ? AND window_start <= ?');
  let hitsSincePrune = 0;

  return {
    hit(key, what) {
      const at = now().getTime();
      const row = count.get({ name, key, at, windowMs }) as { hits: number; windowStart: number };
      hitsSincePrune += 1;
      if (hitsSincePrune >= pruneEveryHits) {
        hitsSincePrune = 0;
        prune.run(name, at - windowMs);
      }
      if (row.hits > limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((row.windowStart + windowMs - at) / 1000));
        throw new SkillproofError(
          'RATE_LIMITED',
          `too many ${what}: try again in ${retryAfterSeconds} s`,
          { retryAfterSeconds },
        );
      }
    },
  };
}
