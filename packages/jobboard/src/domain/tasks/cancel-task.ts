import { SkillproofError } from '@skillproof/core';
import { ledgerAccounts } from './ledger-entry.js';
import type { CancelledEntry, LedgerEntry } from '../../paid-task-types.js';
import { taskStateOf } from './task-state.js';
import { checkTaskOwner } from './task-transition-error.js';

/** The employer withdraws a task. */
export interface CancelTaskInput {
  employerId: string;
  reason: string;
  at: Date;
}

/**
 * The entry that cancels a task before it is paid: the reward goes back to the employer's
 * `committed` account, from escrow, or, once a claim was accepted, from what was owed to that
 * learner.
 *
 * @throws SkillproofError `FORBIDDEN` for another employer's task; `TASK_ALREADY_PAID` once
 * paid; `TASK_CANCELLED` when cancelled already.
 * @example
 * ```ts
 * const entry = cancelTask(history, { employerId, reason: 'no longer needed', at: now() });
 * ```
 */
export function cancelTask(
  history: readonly LedgerEntry[],
  input: CancelTaskInput,
): CancelledEntry {
  const task = taskStateOf(history);
  checkTaskOwner(task, input.employerId);
  if (task.status === 'paid') {
    throw new SkillproofError(
      'TASK_ALREADY_PAID',
      `task ${task.taskId} is paid; it can't be cancelled`,
    );
  }
  if (task.status === 'cancelled') {
    throw new SkillproofError('TASK_CANCELLED', `task ${task.taskId} was cancelled already`);
  }
  const from =
    task.accepted === null
      ? ledgerAccounts.escrow(task.taskId)
      : ledgerAccounts.payable(task.accepted.learnerDid);
  return {
    kind: 'cancelled',
    taskId: task.taskId,
    sequence: task.nextSequence,
    at: input.at.toISOString(),
    reason: input.reason.slice(0, 500),
    postings: [
      { account: from, amountSats: -task.rewardSats },
      { account: ledgerAccounts.committed(task.employerId), amountSats: task.rewardSats },
    ],
  };
}
