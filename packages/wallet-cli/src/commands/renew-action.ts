import { attemptCommand, type AttemptOptions, type AttemptResult } from './attempt-action.js';
import type { CommandContext } from './command-context.js';

/** Options of `skillproof renew`: those of `attempt`, always a renewal. */
export type RenewOptions = Omit<AttemptOptions, 'renewal'>;

/**
 * `skillproof renew <badge>`: the badge's renewal test (issue 19), inside the last days of a
 * held badge's validity (its catalogue `renewal.windowDays`): fewer tasks from the same graded
 * bank, and on a pass a renewed badge (full validity from now, the same achievement, evidence
 * naming the earlier one) verified and stored next to the earlier one, which stays valid until
 * its end. Everything else is `skillproof attempt`'s.
 *
 * @throws SkillproofError `RENEWAL_NOT_HELD`, `RENEWAL_NOT_DUE`, `RENEWAL_LAPSED`,
 * `RENEWAL_UNAVAILABLE` as the issuer refuses it; otherwise as {@link attemptCommand}.
 * @example
 * ```ts
 * const result = await renewCommand(context, 'git-basics', { answers: 'answers.json' });
 * result.renewed; // the earlier badge's id
 * ```
 */
export async function renewCommand(
  context: CommandContext,
  badgeId: string,
  options: RenewOptions,
): Promise<AttemptResult> {
  return attemptCommand(context, badgeId, { ...options, renewal: true });
}
