import type { PracticeReview } from './practice-data.js';

/** Retention of one badge's practice over the window. */
export interface PracticeRetention {
  issuer: string;
  badge: string;
  /** Reviews in the window. */
  reviews: number;
  /** Of them, rated Good or Easy. */
  recalled: number;
  /** recalled / reviews, 0 to 1; null without reviews. */
  retention: number | null;
}

/** Streaks of days with at least one review (UTC days). */
export interface PracticeStreaks {
  /** Days in a row up to today, or up to yesterday when today has no review yet. */
  current: number;
  longest: number;
  /** The last UTC day with a review, `YYYY-MM-DD`. */
  lastDay: string | null;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Retention is read over the last 30 days. */
export const retentionWindowDays = 30;

/** The UTC day of an instant, as a day number. */
function dayNumber(at: Date | string): number {
  return Math.floor(new Date(at).getTime() / dayMs);
}

/**
 * Per badge, the share of the reviews of the last 30 days (`now` minus 30 × 24 h, inclusive)
 * rated Good or Easy: what the learner says they recalled.
 *
 * @example
 * ```ts
 * practiceRetention(store.practice.reviews, now); // [{ badge: 'git-basics', retention: 0.8, … }]
 * ```
 */
export function practiceRetention(
  reviews: readonly PracticeReview[],
  now: Date,
): PracticeRetention[] {
  const since = now.getTime() - retentionWindowDays * dayMs;
  const byBadge = new Map<string, PracticeRetention>();
  for (const review of reviews) {
    const at = Date.parse(review.reviewedAt);
    if (at < since || at > now.getTime()) continue;
    const key = `${review.issuerUrl}\n${review.badge}`;
    const entry = byBadge.get(key) ?? {
      issuer: review.issuerUrl,
      badge: review.badge,
      reviews: 0,
      recalled: 0,
      retention: null,
    };
    entry.reviews += 1;
    if (review.rating === 'good' || review.rating === 'easy') entry.recalled += 1;
    entry.retention = entry.recalled / entry.reviews;
    byBadge.set(key, entry);
  }
  return [...byBadge.values()];
}

/**
 * The current and longest runs of consecutive UTC days with a review. The current streak still
 * stands on a day without a review yet (it counts up to yesterday) and is broken once a whole
 * day has passed without one.
 *
 * @example
 * ```ts
 * practiceStreaks(store.practice.reviews, now); // { current: 3, longest: 7, lastDay: '2026-11-26' }
 * ```
 */
export function practiceStreaks(reviews: readonly PracticeReview[], now: Date): PracticeStreaks {
  const today = dayNumber(now);
  const days = [
    ...new Set(reviews.map((review) => dayNumber(review.reviewedAt)).filter((day) => day <= today)),
  ].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  let previous: number | undefined;
  for (const day of days) {
    run = previous !== undefined && day === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  const last = days.at(-1);
  const current = last !== undefined && last >= today - 1 ? run : 0;
  return {
    current,
    longest,
    lastDay: last === undefined ? null : new Date(last * dayMs).toISOString().slice(0, 10),
  };
}
