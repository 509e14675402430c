import { SkillproofError } from '@skillproof/core';
import { ledgerAccounts } from './ledger-entry.js';
import type { AcceptedEntry, LedgerEntry } from '../../paid-task-types.js';
import { taskStateOf } from './task-state.js';
import { checkTaskOwner, closedTaskError } from './task-transition-error.js';

/** The employer accepts one learner's submission. */
export interface AcceptTaskClaimInput {
  employerId: string;
  learnerDid: string;
  at: Date;
}

/**
 * The entry that accepts one claim: the reward moves from escrow to what is owed to that
 * learner. Only one claim of a task is ever accepted.
 *
 * @throws SkillproofError `FORBIDDEN` for another employer's task; `TASK_NOT_OPEN` for a task
 * nobody claimed; `CLAIM_NOT_FOUND` when this learner made no claim; `TASK_ALREADY_ACCEPTED`,
 * `TASK_ALREADY_PAID` or `TASK_CANCELLED` past that point.
 * @example
 * ```ts
 * const entry = acceptTaskClaim(history, { employerId, learnerDid, at: now() });
 * ```
 */
export function acceptTaskClaim(
  history: readonly LedgerEntry[],
  input: AcceptTaskClaimInput,
): AcceptedEntry {
  const task = taskStateOf(history);
  checkTaskOwner(task, input.employerId);
  const refusal = closedTaskError(task, 'accept another claim');
  if (refusal) throw refusal;
  if (task.status === 'open') {
    throw new SkillproofError('TASK_NOT_OPEN', `task ${task.taskId} has no claim to accept yet`);
  }
  if (!task.claims.some((claim) => claim.learnerDid === input.learnerDid)) {
    throw new SkillproofError(
      'CLAIM_NOT_FOUND',
      `${input.learnerDid} has not claimed task ${task.taskId}`,
    );
  }
  return {
    kind: 'accepted',
    taskId: task.taskId,
    sequence: task.nextSequence,
    at: input.at.toISOString(),
    learnerDid: input.learnerDid,
    postings: [
      { account: ledgerAccounts.escrow(task.taskId), amountSats: -task.rewardSats },
      { account: ledgerAccounts.payable(input.learnerDid), amountSats: task.rewardSats },
    ],
  };
}
