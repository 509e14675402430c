import type { BitcoinNetworkName, LedgerEntry } from '../paid-task-types.js';
import { taskStateOf, type TaskStatus } from './tasks/task-state.js';

/** What anyone sees of a posting that is a paid task. */
export interface PaidTaskSummary {
  rewardSats: number;
  network: BitcoinNetworkName;
  status: TaskStatus;
  claims: number;
}

/**
 * The public summary of a task's ledger, or undefined for a posting that is not a task (no
 * entries). Who claimed and where they are paid stay with the employer.
 *
 * @example
 * ```ts
 * const task = paidTaskSummaryOf(await store.ledgerEntriesOfTask(posting.id));
 * ```
 */
export function paidTaskSummaryOf(history: readonly LedgerEntry[]): PaidTaskSummary | undefined {
  if (history.length === 0) return undefined;
  const task = taskStateOf(history);
  return {
    rewardSats: task.rewardSats,
    network: task.network,
    status: task.status,
    claims: task.claims.length,
  };
}
