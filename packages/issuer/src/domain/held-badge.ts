import type { AttemptRecord, CredentialRecord } from '../ports/issuer-store.js';
import { awardDates, awardStanding, type AwardFacts } from './award-standing.js';
import { credentialExpired, credentialValidUntil } from './credential-expired.js';

/** A badge a learner earned, with its status (see {@link awardStanding}). */
export type EarnedBadge = CredentialRecord & AwardFacts;

/** What a learner holds of one badge, and the attempts that count towards earning it (again). */
export interface HeldBadge {
  /**
   * The learner's badge while it stands (held or suspended, see `awardStanding`); `undefined`
   * before a pass, once it has expired, or once it was revoked.
   */
  credential: EarnedBadge | undefined;
  /** Every attempt, or after a badge has expired, only those started since it expired. */
  attempts: AttemptRecord[];
}

/**
 * Where a learner stands with a badge they may have earned (`award`, from
 * `store.findAwardedCredential`): a badge stands until its `expirationDate` or `validUntil`
 * (the badge's `validityDays`) or its revocation, after which the learner may earn it again;
 * after an expiry with the badge's retry limit and cooldown counted afresh from the expiry.
 *
 * @example
 * ```ts
 * const held = heldBadge(await store.findAwardedCredential(did, achievementId), attempts, now);
 * badgeStanding(badge, held.attempts, held.credential !== undefined, now);
 * ```
 */
export function heldBadge(
  award: EarnedBadge | undefined,
  attempts: readonly AttemptRecord[],
  now: Date,
): HeldBadge {
  if (award === undefined) return { credential: undefined, attempts: [...attempts] };
  const dates = awardDates(award);
  const expiredAt = credentialValidUntil(dates);
  if (expiredAt !== undefined && credentialExpired(dates, now)) {
    const expiredMs = Date.parse(expiredAt);
    return {
      credential: undefined,
      attempts: attempts.filter((attempt) => Date.parse(attempt.createdAt) >= expiredMs),
    };
  }
  const standing = awardStanding(award, now);
  return {
    credential: standing === 'held' || standing === 'suspended' ? award : undefined,
    attempts: [...attempts],
  };
}
