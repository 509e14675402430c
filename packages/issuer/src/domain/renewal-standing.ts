import { SkillproofError } from '@skillproof/core';
import type { Badge } from '../catalog/catalog-types.js';
import { renewalRule } from '../catalog/renewal-rule.js';
import { awardDates, awardStanding } from './award-standing.js';
import { dayMs } from './build-badge-credential.js';
import { credentialValidUntil } from './credential-expired.js';
import type { EarnedBadge } from './held-badge.js';

/**
 * Whether a learner may renew a badge at a moment:
 * - `due`: they hold it and its renewal window is open; `renews` is the badge a renewal replaces
 * - `not-due`: they hold it, the window opens at `windowOpensAt`
 * - `lapsed`: their badge lapsed at `lapsedAt`; a normal attempt earns it again
 * - `not-held`: never earned, revoked, or suspended
 * - `unavailable`: the badge never lapses (or theirs carries no end), so there is nothing to renew
 */
export type RenewalStanding =
  | { kind: 'due'; renews: EarnedBadge; windowOpensAt: string; lapsesAt: string }
  | { kind: 'not-due'; windowOpensAt: string; lapsesAt: string }
  | { kind: 'lapsed'; lapsedAt: string }
  | { kind: 'not-held'; why: 'never earned' | 'revoked' | 'suspended' }
  | { kind: 'unavailable' };

/**
 * Where a learner stands with renewing `badge`, given their current award (from
 * `store.findAwardedCredential`) at `at`. The window is the badge's `renewalRule`: its last
 * `windowDays` before the held credential's `expirationDate`/`validUntil`.
 *
 * @example
 * ```ts
 * renewalStanding(gitBasics, await store.findAwardedCredential(did, achievementId), now).kind; // 'due'
 * ```
 */
export function renewalStanding(
  badge: Badge,
  award: EarnedBadge | undefined,
  at: Date,
): RenewalStanding {
  const rule = renewalRule(badge);
  if (rule === null) return { kind: 'unavailable' };
  if (award === undefined) return { kind: 'not-held', why: 'never earned' };
  const standing = awardStanding(award, at);
  if (standing === 'revoked' || standing === 'suspended') {
    return { kind: 'not-held', why: standing };
  }
  const lapsesAt = credentialValidUntil(awardDates(award));
  if (lapsesAt === undefined) return { kind: 'unavailable' };
  if (standing === 'expired') return { kind: 'lapsed', lapsedAt: lapsesAt };
  const windowOpensAt = new Date(Date.parse(lapsesAt) - rule.windowDays * dayMs).toISOString();
  return Date.parse(windowOpensAt) <= at.getTime()
    ? { kind: 'due', renews: award, windowOpensAt, lapsesAt }
    : { kind: 'not-due', windowOpensAt, lapsesAt };
}

/**
 * The refusal of a renewal asked for when it is not `due`, with its stable code.
 *
 * @example
 * ```ts
 * throw renewalRefusal(gitBasics, { kind: 'lapsed', lapsedAt }); // RENEWAL_LAPSED
 * ```
 */
export function renewalRefusal(
  badge: Pick<Badge, 'name'>,
  standing: Exclude<RenewalStanding, { kind: 'due' }>,
): SkillproofError {
  switch (standing.kind) {
    case 'unavailable':
      return new SkillproofError(
        'RENEWAL_UNAVAILABLE',
        `${badge.name} never lapses: there is nothing to renew`,
      );
    case 'not-held':
      return new SkillproofError(
        'RENEWAL_NOT_HELD',
        standing.why === 'never earned'
          ? `you don't hold ${badge.name}: earn it with a normal attempt first`
          : `your ${badge.name} badge is ${standing.why}: it can't be renewed`,
      );
    case 'lapsed':
      return new SkillproofError(
        'RENEWAL_LAPSED',
        `your ${badge.name} badge lapsed at ${standing.lapsedAt}: a normal attempt earns it again`,
        { lapsedAt: standing.lapsedAt },
      );
    case 'not-due':
      return new SkillproofError(
        'RENEWAL_NOT_DUE',
        `your ${badge.name} badge can be renewed from ${standing.windowOpensAt} (it lapses at ${standing.lapsesAt})`,
        { windowOpensAt: standing.windowOpensAt, lapsesAt: standing.lapsesAt },
      );
  }
}
