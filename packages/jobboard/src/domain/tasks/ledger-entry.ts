import type { LedgerEntryKind } from '../../paid-task-types.js';

/** The kinds of ledger entry, in the order a task's life goes through them. */
export const ledgerEntryKinds = [
  'posted',
  'claimed',
  'accepted',
  'paid',
  'cancelled',
] as const satisfies readonly LedgerEntryKind[];

/**
 * The ledger's account names. The employer's `committed` account is where rewards come from
 * (it goes negative by what they have promised); `task:<id>:escrow` holds a posted reward;
 * `learner:<did>:payable` what is owed to a learner; `paid` everything settled on chain.
 *
 * @example
 * ```ts
 * ledgerAccounts.escrow('t-1'); // 'task:t-1:escrow'
 * ```
 */
export const ledgerAccounts = {
  committed: (employerId: string) => `employer:${employerId}:committed`,
  escrow: (taskId: string) => `task:${taskId}:escrow`,
  payable: (learnerDid: string) => `learner:${learnerDid}:payable`,
  paid: 'paid',
} as const;

/**
 * Whether an account may never go below zero: escrows, payables and `paid` hold value; only an
 * employer's `committed` account is the source of value and runs negative.
 *
 * @example
 * ```ts
 * isNonNegativeAccount('task:t-1:escrow'); // true
 * ```
 */
export function isNonNegativeAccount(account: string): boolean {
  return !(account.startsWith('employer:') && account.endsWith(':committed'));
}
