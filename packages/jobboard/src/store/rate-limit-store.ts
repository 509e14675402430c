import type { RateLimiter, SqliteRateLimiterOptions } from '@skillproof/server/sqlite';

export type { RateLimiter };

/** What {@link RateLimitStore.rateLimiter} counts: a named limit on the service's clock. */
export type StoreRateLimiterOptions = Omit<SqliteRateLimiterOptions, 'db'>;

/**
 * A store that keeps rate-limit counters in its database, so every process serving it (cluster
 * workers over one file) shares one count per key. Apart from {@link JobboardStore}, which the
 * domain works with: only the composition root makes limiters.
 */
export interface RateLimitStore {
  rateLimiter(options: StoreRateLimiterOptions): RateLimiter;
}
