import { SkillproofError } from '@skillproof/core';
import type { ClaimedEntry, LedgerEntry } from '../paid-task-types.js';
import { taskStateOf } from './tasks/task-state.js';

/** A claim as the API shows it: its id is the `sequence` of its ledger entry. */
export interface PaidTaskClaim {
  id: string;
  learnerDid: string;
  address: string;
  claimedAt: string;
  status: 'claimed' | 'accepted' | 'paid' | 'not accepted' | 'cancelled';
  txid?: string;
}

function statusOf(entry: ClaimedEntry, history: readonly LedgerEntry[]): PaidTaskClaim['status'] {
  const task = taskStateOf(history);
  if (task.status === 'cancelled') return 'cancelled';
  if (task.accepted === null) return 'claimed';
  if (task.accepted.learnerDid !== entry.learnerDid) return 'not accepted';
  return task.status === 'paid' ? 'paid' : 'accepted';
}

/**
 * The claims of a task, in the order made. A claim's id is its entry's place in the ledger,
 * stable because entries are never changed.
 *
 * @example
 * ```ts
 * const claims = paidTaskClaimsOf(await store.ledgerEntriesOfTask(postingId));
 * ```
 */
export function paidTaskClaimsOf(history: readonly LedgerEntry[]): PaidTaskClaim[] {
  const task = history.length === 0 ? undefined : taskStateOf(history);
  return history.flatMap((entry) => {
    if (entry.kind !== 'claimed') return [];
    const status = statusOf(entry, history);
    return [
      {
        id: String(entry.sequence),
        learnerDid: entry.learnerDid,
        address: entry.address,
        claimedAt: entry.at,
        status,
        ...(status === 'paid' && task?.payment ? { txid: task.payment.txid } : {}),
      },
    ];
  });
}

/**
 * The claim with this id.
 *
 * @throws SkillproofError `CLAIM_NOT_FOUND` when the task has none.
 */
export function findPaidTaskClaim(history: readonly LedgerEntry[], claimId: string): PaidTaskClaim {
  const claim = paidTaskClaimsOf(history).find((known) => known.id === claimId);
  if (!claim) throw new SkillproofError('CLAIM_NOT_FOUND', `this task has no claim ${claimId}`);
  return claim;
}
