import { SkillproofError } from '@skillproof/core';
import { ledgerAccounts } from './ledger-entry.js';
import type { LedgerEntry, PaidEntry } from '../../paid-task-types.js';
import { taskStateOf } from './task-state.js';
import { checkTaskOwner } from './task-transition-error.js';

/** The employer records the transaction that paid the accepted learner. */
export interface RecordTaskPaymentInput {
  employerId: string;
  /** The transaction id, 64 hex digits as block explorers show it. */
  txid: unknown;
  at: Date;
}

/**
 * The entry that marks an accepted task paid: what was owed to the learner moves to `paid`.
 * A task is paid once.
 *
 * @throws SkillproofError `FORBIDDEN` for another employer's task; `VALIDATION_FAILED` for a
 * txid that is not 64 hex digits; `TASK_ALREADY_PAID` for a second payment; `TASK_CANCELLED`
 * for a cancelled task; `TASK_NOT_ACCEPTED` before a claim is accepted.
 * @example
 * ```ts
 * const entry = recordTaskPayment(history, { employerId, txid, at: now() });
 * ```
 */
export function recordTaskPayment(
  history: readonly LedgerEntry[],
  input: RecordTaskPaymentInput,
): PaidEntry {
  const task = taskStateOf(history);
  checkTaskOwner(task, input.employerId);
  if (typeof input.txid !== 'string' || !/^[0-9a-fA-F]{64}$/.test(input.txid)) {
    throw new SkillproofError('VALIDATION_FAILED', 'a transaction id is 64 hexadecimal digits');
  }
  if (task.status === 'paid') {
    throw new SkillproofError(
      'TASK_ALREADY_PAID',
      `task ${task.taskId} was paid already (transaction ${task.payment?.txid ?? ''})`,
    );
  }
  if (task.status === 'cancelled') {
    throw new SkillproofError(
      'TASK_CANCELLED',
      `task ${task.taskId} was cancelled; it is not paid`,
    );
  }
  if (task.accepted === null) {
    throw new SkillproofError(
      'TASK_NOT_ACCEPTED',
      `task ${task.taskId} has no accepted claim to pay`,
    );
  }
  const { learnerDid, address } = task.accepted;
  return {
    kind: 'paid',
    taskId: task.taskId,
    sequence: task.nextSequence,
    at: input.at.toISOString(),
    learnerDid,
    address,
    txid: input.txid.toLowerCase(),
    postings: [
      { account: ledgerAccounts.payable(learnerDid), amountSats: -task.rewardSats },
      { account: ledgerAccounts.paid, amountSats: task.rewardSats },
    ],
  };
}
