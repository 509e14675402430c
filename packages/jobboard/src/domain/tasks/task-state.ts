import { SkillproofError } from '@skillproof/core';
import type { BitcoinNetworkName, LedgerEntry } from '../../paid-task-types.js';

/** Where a paid task stands: open -> claimed -> accepted -> paid, or cancelled before paid. */
export type TaskStatus = 'open' | 'claimed' | 'accepted' | 'paid' | 'cancelled';

/** A learner's claim of a task, with the address they want to be paid to. */
export interface TaskClaim {
  learnerDid: string;
  address: string;
  claimedAt: string;
}

/** A paid task as its ledger entries tell it (never stored: folded from the entries). */
export interface TaskState {
  taskId: string;
  employerId: string;
  rewardSats: number;
  network: BitcoinNetworkName;
  status: TaskStatus;
  postedAt: string;
  claims: TaskClaim[];
  /** The one accepted claim. */
  accepted: (TaskClaim & { acceptedAt: string }) | null;
  payment: { txid: string; paidAt: string } | null;
  cancellation: { reason: string; cancelledAt: string } | null;
  /** The `sequence` the task's next entry must have. */
  nextSequence: number;
}

function damaged(taskId: string, why: string): SkillproofError {
  return new SkillproofError('LEDGER_INVALID', `the ledger of task ${taskId} is damaged: ${why}`);
}

/**
 * Folds one task's entries (in `sequence` order, as appended) into its state, checking that
 * the history is one a task can have: posted first, numbered from 0 without gaps, nothing after
 * it was paid or cancelled.
 *
 * @throws SkillproofError `NOT_FOUND` when there are no entries; `LEDGER_INVALID` when they
 * could not have been written by the task operations.
 * @example
 * ```ts
 * const task = taskStateOf(await store.ledgerEntriesOfTask(taskId));
 * task.status; // 'claimed'
 * ```
 */
export function taskStateOf(entries: readonly LedgerEntry[]): TaskState {
  const [first, ...rest] = entries;
  if (first === undefined) throw new SkillproofError('NOT_FOUND', 'no such paid task');
  if (first.kind !== 'posted' || first.sequence !== 0) {
    throw damaged(first.taskId, 'it does not start with its posting');
  }
  const task: TaskState = {
    taskId: first.taskId,
    employerId: first.employerId,
    rewardSats: first.rewardSats,
    network: first.network,
    status: 'open',
    postedAt: first.at,
    claims: [],
    accepted: null,
    payment: null,
    cancellation: null,
    nextSequence: 1,
  };
  for (const entry of rest) {
    if (entry.taskId !== task.taskId || entry.sequence !== task.nextSequence) {
      throw damaged(task.taskId, `entry ${entry.sequence} is out of place`);
    }
    if (task.status === 'paid' || task.status === 'cancelled') {
      throw damaged(task.taskId, `a ${entry.kind} entry follows its end`);
    }
    switch (entry.kind) {
      case 'posted':
        throw damaged(task.taskId, 'it is posted twice');
      case 'claimed':
        if (task.status !== 'open' && task.status !== 'claimed') {
          throw damaged(task.taskId, 'a claim follows the acceptance');
        }
        task.claims.push({
          learnerDid: entry.learnerDid,
          address: entry.address,
          claimedAt: entry.at,
        });
        task.status = 'claimed';
        break;
      case 'accepted': {
        const claim = task.claims.find((known) => known.learnerDid === entry.learnerDid);
        if (task.status !== 'claimed' || claim === undefined) {
          throw damaged(task.taskId, 'it accepts a claim it does not hold');
        }
        task.accepted = { ...claim, acceptedAt: entry.at };
        task.status = 'accepted';
        break;
      }
      case 'paid':
        if (task.status !== 'accepted') throw damaged(task.taskId, 'it is paid before acceptance');
        task.payment = { txid: entry.txid, paidAt: entry.at };
        task.status = 'paid';
        break;
      case 'cancelled':
        task.cancellation = { reason: entry.reason, cancelledAt: entry.at };
        task.status = 'cancelled';
        break;
    }
    task.nextSequence += 1;
  }
  return task;
}
