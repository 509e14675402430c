import type { DatabaseRateLimiter as RateLimiter } from '@skillproof/server/database';

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
  /**
   * `POST /learn/badges/:id/attempts` per client address (the web pages), besides `attempts` per
   * web learner: a browser that clears its cookies becomes a new learner, not a new address.
   */
  webAttemptStarts: RateLimitSetting;
  /** `POST /oid4vci/token`, per client address. */
  oid4vciToken: RateLimitSetting;
  /** `POST /oid4vci/nonce` (anonymous; each call stores a nonce), per client address. */
  oid4vciNonce: RateLimitSetting;
  /** `POST /oid4vci/credential`, per client address. */
  oid4vciCredential: RateLimitSetting;
}

/**
 * Defaults: 60 sign-in requests a minute per address (a sign-in takes two; a classroom behind
 * one NAT address still gets thirty a minute), 30 attempt requests per ten minutes per learner
 * (a micro-test takes two; the per-badge retry limits and cooldowns are the real bound), 120 web
 * test starts an hour per address (a classroom of thirty behind one address starts four tests
 * each), and 60 a minute per address at each OpenID4VCI endpoint (a wallet collecting a badge
 * calls each once or twice: a classroom still collects thirty badges a minute).
 */
export const defaultIssuerRateLimits: IssuerRateLimits = {
  auth: { limit: 60, windowMs: 60_000 },
  attempts: { limit: 30, windowMs: 10 * 60_000 },
  webAttemptStarts: { limit: 120, windowMs: 60 * 60_000 },
  oid4vciToken: { limit: 60, windowMs: 60_000 },
  oid4vciNonce: { limit: 60, windowMs: 60_000 },
  oid4vciCredential: { limit: 60, windowMs: 60_000 },
};

/** The limiters the routes count requests against, one per {@link IssuerRateLimits} entry. */
export type IssuerRateLimiters = Record<keyof IssuerRateLimits, RateLimiter>;
