import { SkillproofError } from '@skillproof/core';
import type { LedgerEntry } from '../../paid-task-types.js';
import {
  buildTaskCompletionCredential,
  type TaskCompletionCredential,
  type TaskCompletionCredentialInput,
} from './build-task-completion-credential.js';
import { taskStateOf } from './task-state.js';

/**
 * The completion credential of a paid task, for the learner whose claim was accepted and paid:
 * amount, network, txid and learner come from the ledger, the rest from the posting.
 *
 * @throws SkillproofError `TASK_NOT_PAID` until the task is paid; `TASK_CANCELLED` for a
 * cancelled task.
 * @example
 * ```ts
 * const unsigned = completionCredentialForTask(history, { id: `urn:uuid:${randomUUID()}`,
 *   board, taskTitle: posting.title, employerName: employer.name });
 * ```
 */
export function completionCredentialForTask(
  history: readonly LedgerEntry[],
  input: Pick<TaskCompletionCredentialInput, 'id' | 'board' | 'taskTitle' | 'employerName'>,
): TaskCompletionCredential {
  const task = taskStateOf(history);
  if (task.status === 'cancelled') {
    throw new SkillproofError('TASK_CANCELLED', `task ${task.taskId} was cancelled`);
  }
  if (task.status !== 'paid' || task.accepted === null || task.payment === null) {
    throw new SkillproofError(
      'TASK_NOT_PAID',
      `task ${task.taskId} is not paid yet: its completion credential follows the payment`,
    );
  }
  return buildTaskCompletionCredential({
    ...input,
    taskId: task.taskId,
    learnerDid: task.accepted.learnerDid,
    paidSats: task.rewardSats,
    network: task.network,
    txid: task.payment.txid,
    paidAt: new Date(task.payment.paidAt),
  });
}
