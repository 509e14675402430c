import type { LedgerEntry } from '../../paid-task-types.js';
import { ledgerBalances } from './ledger-balances.js';

/** The ledger as JSON: every entry as appended, and the balances folded from them. */
export interface LedgerExport {
  format: 'skillproof-ledger';
  version: 1;
  exportedAt: string;
  entries: LedgerEntry[];
  /** Account -> balance in satoshis, accounts sorted by name. */
  balances: Record<string, number>;
}

/**
 * The ledger as JSON (balances checked and folded, see `ledgerBalances`).
 *
 * @throws SkillproofError `LEDGER_INVALID` when the entries do not balance.
 * @example
 * ```ts
 * JSON.stringify(exportLedgerJson(entries, now()));
 * ```
 */
export function exportLedgerJson(entries: readonly LedgerEntry[], now: Date): LedgerExport {
  const balances = ledgerBalances(entries);
  return {
    format: 'skillproof-ledger',
    version: 1,
    exportedAt: now.toISOString(),
    entries: [...entries],
    balances: Object.fromEntries([...balances].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** The CSV columns, one row per posting (an entry without postings, a claim, has one row). */
export const ledgerCsvColumns = [
  'task_id',
  'sequence',
  'at',
  'kind',
  'account',
  'amount_sats',
  'learner_did',
  'address',
  'txid',
] as const;

// RFC 4180 quoting; a text cell that a spreadsheet would run as a formula gets a leading quote
// (OWASP "CSV injection").
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The ledger as CSV (RFC 4180, CRLF line ends, a header row of {@link ledgerCsvColumns}): one
 * row per posting, so the `amount_sats` of each entry's rows sum to zero.
 *
 * @example
 * ```ts
 * response.type('text/csv').send(exportLedgerCsv(entries));
 * ```
 */
export function exportLedgerCsv(entries: readonly LedgerEntry[]): string {
  const rows: string[] = [ledgerCsvColumns.join(',')];
  for (const entry of entries) {
    const learnerDid = 'learnerDid' in entry ? entry.learnerDid : '';
    const address = 'address' in entry ? entry.address : '';
    const txid = entry.kind === 'paid' ? entry.txid : '';
    const postings = entry.postings.length > 0 ? entry.postings : [{ account: '', amountSats: 0 }];
    for (const posting of postings) {
      rows.push(
        [
          entry.taskId,
          entry.sequence,
          entry.at,
          entry.kind,
          posting.account,
          posting.amountSats,
          learnerDid,
          address,
          txid,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
