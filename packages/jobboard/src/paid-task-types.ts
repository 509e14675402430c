/**
 * The paid-task ledger's plain types, shared by the domain (`domain/tasks/`), the ports and the
 * stores (which may not import the domain).
 */

/** The networks a paid task can settle on. Mainnet only by explicit configuration. */
export type BitcoinNetworkName = 'testnet' | 'signet' | 'regtest' | 'mainnet';

/**
 * One leg of a ledger entry: `amountSats` added to `account` (negative: taken from it). The
 * postings of an entry sum to zero (double entry), so value only ever moves between accounts.
 */
export interface LedgerPosting {
  account: string;
  amountSats: number;
}

/** The kinds of ledger entry, in the order a task's life goes through them. */
export type LedgerEntryKind = 'posted' | 'claimed' | 'accepted' | 'paid' | 'cancelled';

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
