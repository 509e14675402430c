import { SkillproofError } from '@skillproof/core';

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** How many hits one key may make per window. */
  limit: number;
  /** The window, in milliseconds. */
  windowMs: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
  /** Keys tracked at once before the oldest windows are dropped. Default 10,000. */
  maxKeys?: number;
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

/**
 * A fixed-window, in-memory rate limiter: enough for one process in front of one SQLite file.
 * Memory is bounded by `maxKeys`; when it is full, expired windows go first, then the oldest.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({ limit: 10, windowMs: 60_000 });
 * limiter.hit(req.ip ?? 'unknown', 'sign-in requests'); // throws RATE_LIMITED on the 11th in a minute
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError('limit must be an integer >= 1');
  if (!(windowMs > 0)) throw new TypeError('windowMs must be > 0');
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, { startedAt: number; hits: number }>();

  function makeRoom(at: number): void {
    for (const [key, window] of windows) {
      if (at - window.startedAt >= windowMs) windows.delete(key);
    }
    // Maps iterate in insertion order, so the first keys are the oldest windows.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  }

  return {
    hit(key, what) {
      const at = now();
      let window = windows.get(key);
      if (window === undefined || at - window.startedAt >= windowMs) {
        windows.delete(key);
        if (windows.size >= maxKeys) makeRoom(at);
        window = { startedAt: at, hits: 0 };
        windows.set(key, window);
      }
      window.hits += 1;
      if (window.hits > limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + windowMs - at) / 1000));
        throw new SkillproofError(
          'RATE_LIMITED',
          `too many ${what}: try again in ${retryAfterSeconds} s`,
          { retryAfterSeconds },
        );
      }
    },
  };
}
