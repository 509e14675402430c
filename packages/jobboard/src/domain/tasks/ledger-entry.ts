import type { BitcoinNetworkName } from './bitcoin-network.js';

/**
 * One leg of a ledger entry: `amountSats` added to `account` (negative: taken from it). The
 * postings of an entry sum to zero (double entry), so value only ever moves between accounts.
 */
export interface LedgerPosting {
  account: string;
  amountSats: number;
}

/** The kinds of ledger entry, in the order a task's life goes through them. */
export const ledgerEntryKinds = ['posted', 'claimed', 'accepted', 'paid', 'cancelled'] as const;

/** One of {@link ledgerEntryKinds}. */
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

/** What every entry carries. */
interface LedgerEntryBase {
  taskId: string;
  /**
   * The entry's place in its task's history, from 0. A store appends only when it is the next
   * one (a unique key on `(taskId, sequence)`), so two concurrent changes of one task can't
   * both be written: the one that lost re-reads and is decided again.
   */
  sequence: number;
  /** ISO 8601 instant. */
  at: string;
  postings: LedgerPosting[];
}

/** The employer posts a paid task: the reward moves from what they committed to its escrow. */
export interface PostedEntry extends LedgerEntryBase {
  kind: 'posted';
  employerId: string;
  rewardSats: number;
  network: BitcoinNetworkName;
}

/** A qualified learner claims the task with an address to be paid to. No value moves. */
export interface ClaimedEntry extends LedgerEntryBase {
  kind: 'claimed';
  learnerDid: string;
  address: string;
}

/** The employer accepts one claim's submission: the escrow becomes owed to that learner. */
export interface AcceptedEntry extends LedgerEntryBase {
  kind: 'accepted';
  learnerDid: string;
}

/** The employer paid: what was owed to the learner is settled by transaction `txid`. */
export interface PaidEntry extends LedgerEntryBase {
  kind: 'paid';
  learnerDid: string;
  address: string;
  txid: string;
}

/** The employer withdrew the task before it was paid: the reward goes back to them. */
export interface CancelledEntry extends LedgerEntryBase {
  kind: 'cancelled';
  reason: string;
}

/** An append-only ledger entry. Entries are never changed or deleted; balances are folded from them. */
export type LedgerEntry = PostedEntry | ClaimedEntry | AcceptedEntry | PaidEntry | CancelledEntry;

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
