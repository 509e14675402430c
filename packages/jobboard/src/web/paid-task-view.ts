import { taskPaymentWithQr } from '../domain/accept-paid-task-claim.js';
import { paidTaskClaimsOf, type PaidTaskClaim } from '../domain/paid-task-claims.js';
import { paidTaskSummaryOf, type PaidTaskSummary } from '../domain/paid-task-summary.js';
import { exportLedgerJson } from '../domain/tasks/export-ledger.js';
import type { Employer, Posting } from '../jobboard-types.js';
import type { LedgerEntry } from '../paid-task-types.js';
import type { JobboardStore } from '../ports/jobboard-store.js';

/** One ledger entry as the employer's page lists it. */
export interface LedgerRow {
  sequence: number;
  at: string;
  kind: LedgerEntry['kind'];
  detail: string;
  /** `account: ±amount` per posting of the entry. */
  postings: string[];
}

/** A paid task as its employer's page shows it. */
export interface PaidTaskView {
  summary: PaidTaskSummary;
  claims: PaidTaskClaim[];
  /** While a claim is accepted and not paid: the BIP-21 request to pay, with its QR code. */
  payment?: { uri: string; address: string; amountSats: number; qrSvg: string };
  ledger: LedgerRow[];
  /** Balances derived from the entries (never stored), account -> satoshis. */
  balances: Array<{ account: string; amountSats: number }>;
}

function detailOf(entry: LedgerEntry): string {
  switch (entry.kind) {
    case 'posted':
      return `${entry.rewardSats} sats on ${entry.network}`;
    case 'claimed':
      return `by ${entry.learnerDid}, to be paid to ${entry.address}`;
    case 'accepted':
      return `the claim of ${entry.learnerDid}`;
    case 'paid':
      return `transaction ${entry.txid} to ${entry.address}`;
    case 'cancelled':
      return entry.reason;
  }
}

/**
 * What the employer's page of a posting shows of its paid task: the reward and status, the
 * claims, the payment to make once one is accepted, and the ledger with its derived balances;
 * `undefined` for a posting that is not a task.
 *
 * @example
 * ```ts
 * const task = await paidTaskView(store, employer, posting, now);
 * ```
 */
export async function paidTaskView(
  store: JobboardStore,
  employer: Employer,
  posting: Posting,
  now: Date,
): Promise<PaidTaskView | undefined> {
  const history = await store.ledgerEntriesOfTask(posting.id);
  const summary = paidTaskSummaryOf(history);
  if (summary === undefined) return undefined;
  const exported = exportLedgerJson(history, now);
  return {
    summary,
    claims: paidTaskClaimsOf(history),
    ...(summary.status === 'accepted'
      ? { payment: await taskPaymentWithQr(history, employer, posting) }
      : {}),
    ledger: history.map((entry) => ({
      sequence: entry.sequence,
      at: entry.at,
      kind: entry.kind,
      detail: detailOf(entry),
      postings: entry.postings.map(
        (leg) => `${leg.account}: ${leg.amountSats > 0 ? '+' : ''}${leg.amountSats}`,
      ),
    })),
    balances: Object.entries(exported.balances).map(([account, amountSats]) => ({
      account,
      amountSats,
    })),
  };
}
