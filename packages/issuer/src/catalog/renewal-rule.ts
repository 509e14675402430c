import type { BadgeRenewalRule } from '@skillproof/core';
import type { Badge } from './catalog-types.js';

/** The renewal window when a badge file sets none: the last 60 days of its validity. */
export const defaultRenewalWindowDays = 60;

/**
 * How a badge is renewed: in the last `windowDays` of its validity (the file's
 * `renewalWindowDays`, default 60 days, never more than the validity) a holder may pass a
 * renewal test of `items` of its graded tasks (the file's `renewalItems`, default half of them
 * rounded up, at least one). `null` for a badge that never lapses: there is nothing to renew.
 *
 * @example
 * ```ts
 * renewalRule(gitBasics); // { windowDays: 60, items: 2 } for 730 days and 4 tasks
 * ```
 */
export function renewalRule(
  badge: Pick<Badge, 'validityDays' | 'renewalWindowDays' | 'renewalItems' | 'tasks'>,
): BadgeRenewalRule | null {
  if (badge.validityDays === null) return null;
  return {
    windowDays: Math.min(badge.renewalWindowDays ?? defaultRenewalWindowDays, badge.validityDays),
    items: Math.min(
      badge.renewalItems ?? Math.max(1, Math.ceil(badge.tasks.length / 2)),
      badge.tasks.length,
    ),
  };
}
