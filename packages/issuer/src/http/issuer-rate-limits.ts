import type { RateLimiter } from '@skillproof/server/http';

/** One limit: at most `limit` requests per `windowMs`. */
export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

/** The issuer's request limits. */
export interface IssuerRateLimits {
  /** `POST /auth/challenge` and `POST /auth/token` together, per client address. */
  auth: RateLimitSetting;
  /** `POST /attempts` and `POST /attempts/:id/answers` together, per learner DID. */
  attempts: RateLimitSetting;
}

/**
 * Defaults: 60 sign-in requests a minute per address (a sign-in takes two; a classroom behind
 * one NAT address still gets thirty a minute), 30 attempt requests per ten minutes per learner
 * (a micro-test takes two; the per-badge retry limits and cooldowns are the real bound).
 */
export const defaultIssuerRateLimits: IssuerRateLimits = {
  auth: { limit: 60, windowMs: 60_000 },
  attempts: { limit: 30, windowMs: 10 * 60_000 },
};

/** The limiters the routes count requests against, one per {@link IssuerRateLimits} entry. */
export interface IssuerRateLimiters {
  auth: RateLimiter;
  attempts: RateLimiter;
}
