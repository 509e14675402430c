import { paint, printable } from '../terminal/output.js';
import type { LapsingBadge } from '../wallet/lapsing-badges.js';
import type { CommandContext } from './command-context.js';

/**
 * One reminder line per badge close to lapsing, for `progress` and `tasks`; empty when none is.
 *
 * @example
 * ```ts
 * renderLapsingBadges(context, lapsingBadges(store.credentials, now));
 * // '! Git Basics (Skillproof Academy) lapses 2026-12-10, in 14 days: renew it with `skillproof renew git-basics`'
 * ```
 */
export function renderLapsingBadges(
  context: CommandContext,
  lapsing: readonly LapsingBadge[],
): string {
  return lapsing
    .map((badge) => {
      const days =
        badge.daysLeft === 0
          ? 'today'
          : `in ${badge.daysLeft} ${badge.daysLeft === 1 ? 'day' : 'days'}`;
      const name = printable(badge.name ?? badge.id);
      const issuer = badge.issuer === null ? '' : ` (${printable(badge.issuer)})`;
      return paint(
        context.output,
        'yellow',
        `! ${name}${issuer} lapses ${badge.expiresAt.slice(0, 10)}, ${days}: ${badge.renewWith === null ? 'renew it before then' : `renew it with \`${badge.renewWith}\``}`,
      );
    })
    .join('\n');
}
