import { SkillproofError } from '@skillproof/core';
import type { LedgerEntry } from '../../paid-task-types.js';
import { buildPaymentPsbt, type EmployerUtxo, type PaymentPsbt } from './build-payment-psbt.js';
import { buildPaymentUri } from './build-payment-uri.js';
import { taskStateOf, type TaskState } from './task-state.js';
import { checkTaskOwner } from './task-transition-error.js';

/** What the employer's wallet is asked to pay for an accepted task. */
export interface TaskPaymentRequest {
  taskId: string;
  address: string;
  amountSats: number;
  /** BIP-21 `bitcoin:` URI, for a link and a QR code. */
  uri: string;
}

/** The accepted claim of a task its employer is about to pay. */
function payableTask(history: readonly LedgerEntry[], employerId: string) {
  const task: TaskState = taskStateOf(history);
  checkTaskOwner(task, employerId);
  if (task.status === 'paid') {
    throw new SkillproofError('TASK_ALREADY_PAID', `task ${task.taskId} is paid already`);
  }
  if (task.status === 'cancelled') {
    throw new SkillproofError('TASK_CANCELLED', `task ${task.taskId} was cancelled`);
  }
  if (task.accepted === null) {
    throw new SkillproofError(
      'TASK_NOT_ACCEPTED',
      `task ${task.taskId} has no accepted claim to pay`,
    );
  }
  return { task, accepted: task.accepted };
}

/**
 * The BIP-21 payment request for a task's accepted claim: its reward to the address the
 * learner gave with the claim.
 *
 * @throws SkillproofError `FORBIDDEN` for another employer's task; `TASK_NOT_ACCEPTED`,
 * `TASK_ALREADY_PAID` or `TASK_CANCELLED` when there is nothing to pay.
 * @example
 * ```ts
 * const { uri } = paymentRequestForTask(history, { employerId, label: 'Skillproof task t-1' });
 * ```
 */
export function paymentRequestForTask(
  history: readonly LedgerEntry[],
  options: { employerId: string; label?: string; message?: string },
): TaskPaymentRequest {
  const { task, accepted } = payableTask(history, options.employerId);
  return {
    taskId: task.taskId,
    address: accepted.address,
    amountSats: task.rewardSats,
    uri: buildPaymentUri({
      address: accepted.address,
      amountSats: task.rewardSats,
      ...(options.label === undefined ? {} : { label: options.label }),
      ...(options.message === undefined ? {} : { message: options.message }),
    }),
  };
}

/**
 * The unsigned PSBT that pays a task's accepted claim from the coins the employer lists (see
 * `buildPaymentPsbt`), on the task's network.
 *
 * @throws as {@link paymentRequestForTask} and `buildPaymentPsbt`.
 * @example
 * ```ts
 * const { psbt } = paymentPsbtForTask(history, { employerId, utxos, feeRate: 2, changeAddress });
 * ```
 */
export function paymentPsbtForTask(
  history: readonly LedgerEntry[],
  options: {
    employerId: string;
    utxos: readonly EmployerUtxo[];
    feeRate: number;
    changeAddress: string;
  },
): PaymentPsbt {
  const { task, accepted } = payableTask(history, options.employerId);
  return buildPaymentPsbt({
    network: task.network,
    utxos: options.utxos,
    payTo: accepted.address,
    amountSats: task.rewardSats,
    feeRate: options.feeRate,
    changeAddress: options.changeAddress,
  });
}
