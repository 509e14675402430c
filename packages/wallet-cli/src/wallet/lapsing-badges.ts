import type { StoredCredential } from './wallet-store.js';

/** A held badge close to lapsing. */
export interface LapsingBadge {
  id: string;
  name: string | null;
  issuer: string | null;
  expiresAt: string;
  /** Whole days left, rounded down (0 on its last day). */
  daysLeft: number;
}

/** A badge is flagged this many days before it lapses. */
export const lapseReminderDays = 30;

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The held badges that lapse within 30 days of `now` (their `expirationDate` or `validUntil`),
 * soonest first; expired, revoked and never-lapsing badges are left out.
 *
 * @example
 * ```ts
 * lapsingBadges(store.credentials, now); // [{ name: 'Git Basics', daysLeft: 12, … }]
 * ```
 */
export function lapsingBadges(credentials: readonly StoredCredential[], now: Date): LapsingBadge[] {
  const lapsing: LapsingBadge[] = [];
  for (const entry of credentials) {
    if (entry.expiresAt === null || entry.status?.state === 'revoked') continue;
    const left = Date.parse(entry.expiresAt) - now.getTime();
    if (!Number.isFinite(left) || left <= 0 || left > lapseReminderDays * dayMs) continue;
    lapsing.push({
      id: entry.id,
      name: entry.name ?? null,
      issuer: entry.issuerName ?? null,
      expiresAt: entry.expiresAt,
      daysLeft: Math.floor(left / dayMs),
    });
  }
  return lapsing.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
