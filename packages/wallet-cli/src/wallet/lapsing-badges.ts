import type { StoredCredential } from './wallet-store.js';

/** A held badge close to lapsing. */
export interface LapsingBadge {
  id: string;
  name: string | null;
  issuer: string | null;
  expiresAt: string;
  /** Whole days left, rounded down (0 on its last day). */
  daysLeft: number;
  /**
   * The command that renews it (`skillproof renew <badge>`), when its achievement id names the
   * badge (`…/achievements/<badge>`); `null` otherwise.
   */
  renewWith: string | null;
}

/** The badge slug an achievement id ends in (`<issuer>/achievements/<badge>`), if it does. */
function badgeSlug(achievementId: string | null): string | undefined {
  const match = achievementId?.match(/\/achievements\/([a-z0-9]+(?:-[a-z0-9]+)*)$/);
  return match?.[1];
}

/** A badge is flagged this many days before it lapses. */
export const lapseReminderDays = 30;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The held badges that lapse within 30 days of `now` (their `expirationDate` or `validUntil`),
 * soonest first; expired, revoked and never-lapsing badges are left out, and so is one renewed
 * already (the wallet holds a later badge of the same achievement from the same issuer).
 *
 * @example
 * ```ts
 * lapsingBadges(store.credentials, now); // [{ name: 'Git Basics', daysLeft: 12, … }]
 * ```
 */
export function lapsingBadges(credentials: readonly StoredCredential[], now: Date): LapsingBadge[] {
  const lapsing: LapsingBadge[] = [];
  const renewed = (entry: StoredCredential): boolean =>
    typeof entry.achievementId === 'string' &&
    credentials.some(
      (other) =>
        other !== entry &&
        other.achievementId === entry.achievementId &&
        other.issuerDid === entry.issuerDid &&
        other.status?.state !== 'revoked' &&
        Date.parse(other.expiresAt ?? '') > Date.parse(entry.expiresAt ?? ''),
    );
  for (const entry of credentials) {
    if (entry.expiresAt === null || entry.status?.state === 'revoked' || renewed(entry)) continue;
    const left = Date.parse(entry.expiresAt) - now.getTime();
    if (!Number.isFinite(left) || left <= 0 || left > lapseReminderDays * dayMs) continue;
    const slug = badgeSlug(entry.achievementId);
    lapsing.push({
      id: entry.id,
      name: entry.name ?? null,
      issuer: entry.issuerName ?? null,
      expiresAt: entry.expiresAt,
      daysLeft: Math.floor(left / dayMs),
      renewWith: slug === undefined ? null : `skillproof renew ${slug}`,
    });
  }
  return lapsing.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
