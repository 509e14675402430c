import { decodeJwt, type IssuedFormat } from '@skillproof/core';
import { credentialExpired } from './credential-expired.js';

/**
 * Where a learner's badge stands, and so what passing its micro-test again does:
 * - `held`: valid; a pass keeps it (the same credential; nothing is allocated or signed)
 * - `suspended`: a pass is reported as such and issues nothing until the badge is reinstated
 * - `expired`, `revoked`: the badge no longer stands; a pass earns a new credential, with new
 *   status entries, that replaces it
 */
export type AwardStanding = 'held' | 'suspended' | 'expired' | 'revoked';

/** What {@link awardStanding} reads of a badge: its expiry and its status bits. */
export interface AwardFacts {
  /** The credential as stored: its `expirationDate` (VCDM 1.1) or `validUntil` (VCDM 2.0). */
  credential: { expirationDate?: unknown; validUntil?: unknown };
  /** `vc+jwt`: the dates are read from the signed `jwt`, since its envelope carries none. */
  format?: IssuedFormat;
  jwt?: string | null;
  /** Unset: not revoked. */
  revoked?: boolean;
  /** Unset: not suspended. */
  suspended?: boolean;
}

/**
 * The dates of an award's credential: the stored document, or for a signed `vc+jwt` the payload
 * of its JWT (the `EnvelopedVerifiableCredential` handed out carries none).
 *
 * @example
 * ```ts
 * awardDates(await store.findAwardedCredential(did, achievementId)).validUntil; // '2032-…'
 * ```
 */
export function awardDates(award: AwardFacts): { expirationDate?: unknown; validUntil?: unknown } {
  if (award.format === 'vc+jwt' && typeof award.jwt === 'string') {
    return decodeJwt(award.jwt).payload;
  }
  return award.credential;
}

/**
 * The one rule of whether a learner holds a badge at `at`. Revocation is final (Bitstring
 * Status List §2.1), so a revoked badge never stands; an expired one stands no longer, suspended
 * or not; a suspension holds the badge back until it is lifted, and passing again doesn't get
 * round it.
 *
 * @example
 * ```ts
 * awardStanding(await store.findAwardedCredential(did, achievementId), now); // 'held'
 * ```
 */
export function awardStanding(award: AwardFacts, at: Date | string): AwardStanding {
  if (award.revoked === true) return 'revoked';
  if (credentialExpired(awardDates(award), at)) return 'expired';
  if (award.suspended === true) return 'suspended';
  return 'held';
}
