import { SkillproofError } from '@skillproof/core';
import type { BitcoinNetworkName, LedgerEntry, PostedEntry } from '../../paid-task-types.js';
import { ledgerAccounts } from './ledger-entry.js';
import { checkSatoshiAmount } from './satoshi-amount.js';

/** What an employer posts: a task with a reward in satoshis, settled on `network`. */
export interface PostTaskInput {
  taskId: string;
  employerId: string;
  rewardSats: unknown;
  network: BitcoinNetworkName;
  at: Date;
}

/**
 * The entry that posts a paid task: the reward moves from the employer's `committed` account
 * into the task's escrow.
 *
 * @throws SkillproofError `AMOUNT_INVALID` for a reward that is not 1 .. 21e14 whole
 * satoshis; `CONFLICT` when the task has entries already.
 * @example
 * ```ts
 * const entry = postTask([], { taskId, employerId, rewardSats: 5000, network: 'testnet', at: now() });
 * ```
 */
export function postTask(history: readonly LedgerEntry[], input: PostTaskInput): PostedEntry {
  const rewardSats = checkSatoshiAmount(input.rewardSats, 'the reward');
  if (history.length > 0) {
    throw new SkillproofError('CONFLICT', `task ${input.taskId} is posted already`);
  }
  return {
    kind: 'posted',
    taskId: input.taskId,
    sequence: 0,
    at: input.at.toISOString(),
    employerId: input.employerId,
    rewardSats,
    network: input.network,
    postings: [
      { account: ledgerAccounts.committed(input.employerId), amountSats: -rewardSats },
      { account: ledgerAccounts.escrow(input.taskId), amountSats: rewardSats },
    ],
  };
}
