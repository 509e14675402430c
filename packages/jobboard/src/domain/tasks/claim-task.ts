import { SkillproofError } from '@skillproof/core';
import { checkBitcoinAddress } from './check-bitcoin-address.js';
import type { ClaimedEntry, LedgerEntry } from '../../paid-task-types.js';
import { taskStateOf } from './task-state.js';
import { closedTaskError } from './task-transition-error.js';

/** A qualified learner's claim. Qualification (the presentation flow) is checked before. */
export interface ClaimTaskInput {
  learnerDid: string;
  /** Where the learner wants the reward: an address of the task's network. */
  address: unknown;
  at: Date;
}

/**
 * The entry that records a learner's claim of an open (or already claimed) task. No value
 * moves: the reward stays in escrow until one claim is accepted.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for a learner that is not a DID;
 * `ADDRESS_INVALID` for an address that is malformed or of another network; `CLAIM_DUPLICATE`
 * when this learner claimed it already; `TASK_ALREADY_ACCEPTED`, `TASK_ALREADY_PAID` or
 * `TASK_CANCELLED` once it can no longer be claimed.
 * @example
 * ```ts
 * const entry = claimTask(history, { learnerDid, address: 'tb1q…', at: now() });
 * ```
 */
export function claimTask(history: readonly LedgerEntry[], input: ClaimTaskInput): ClaimedEntry {
  const task = taskStateOf(history);
  if (!/^did:[a-z0-9]+:\S+$/.test(input.learnerDid)) {
    throw new SkillproofError('VALIDATION_FAILED', 'a claim is made by a learner DID');
  }
  const refusal = closedTaskError(task, 'be claimed');
  if (refusal) throw refusal;
  const { address } = checkBitcoinAddress(input.address, task.network);
  if (task.claims.some((claim) => claim.learnerDid === input.learnerDid)) {
    throw new SkillproofError('CLAIM_DUPLICATE', `you have claimed task ${task.taskId} already`);
  }
  return {
    kind: 'claimed',
    taskId: task.taskId,
    sequence: task.nextSequence,
    at: input.at.toISOString(),
    learnerDid: input.learnerDid,
    address,
    postings: [],
  };
}
