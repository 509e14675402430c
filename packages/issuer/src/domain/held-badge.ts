import type { AttemptRecord, IssuedCredentialRecord } from '../ports/issuer-store.js';
import { credentialExpired } from './credential-expired.js';

/** What a learner holds of one badge, and the attempts that count towards earning it (again). */
export interface HeldBadge {
  /** The learner's badge credential while valid; `undefined` before a pass or once expired. */
  credential: IssuedCredentialRecord | undefined;
  /** Every attempt, or after a badge has expired, only those started since it expired. */
  attempts: AttemptRecord[];
}

/**
 * Where a learner stands with a badge they may have earned (`award`, from
 * `store.findAwardedCredential`): a badge stands only until its `expirationDate` (the badge's
 * `validityDays`), after which the learner may earn it again, with the badge's retry limit and
 * cooldown counted afresh from the expiry.
 *
 * @example
 * ```ts
 * const held = heldBadge(await store.findAwardedCredential(did, achievementId), attempts, now);
 * badgeStanding(badge, held.attempts, held.credential !== undefined, now);
 * ```
 */
export function heldBadge(
  award: IssuedCredentialRecord | undefined,
  attempts: readonly AttemptRecord[],
  now: Date,
): HeldBadge {
  const expiredAt = award?.credential.expirationDate;
  if (award === undefined || expiredAt === undefined || !credentialExpired(award.credential, now)) {
    return { credential: award, attempts: [...attempts] };
  }
  const expiredMs = Date.parse(expiredAt);
  return {
    credential: undefined,
    attempts: attempts.filter((attempt) => Date.parse(attempt.createdAt) >= expiredMs),
  };
}
