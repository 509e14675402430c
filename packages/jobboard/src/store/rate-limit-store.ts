import type {
  DatabaseRateLimiter as RateLimiter,
  DatabaseRateLimiterOptions,
} from '@skillproof/server/database';

export type { RateLimiter };

/** What {@link RateLimitStore.rateLimiter} counts: a named limit on the service's clock. */
export type StoreRateLimiterOptions = Omit<DatabaseRateLimiterOptions, 'database'>;

/**
 * A store that keeps rate-limit counters in its database, so every process serving it (cluster
 * workers over one file, instances over one PostgreSQL database) shares one count per key. Apart
 * from {@link JobboardStore}, which the domain works with: only the composition root makes limiters.
 */
export interface RateLimitStore {
  rateLimiter(options: StoreRateLimiterOptions): RateLimiter;
}
