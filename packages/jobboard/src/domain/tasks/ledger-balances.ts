import { SkillproofError } from '@skillproof/core';
import { isNonNegativeAccount } from './ledger-entry.js';
import type { LedgerEntry } from '../../paid-task-types.js';

/**
 * Checks one entry's double entry: integer postings summing to exactly zero.
 *
 * @throws SkillproofError `LEDGER_INVALID` otherwise.
 * @example
 * ```ts
 * checkLedgerEntry(entry);
 * ```
 */
export function checkLedgerEntry(entry: LedgerEntry): void {
  let sum = 0;
  for (const posting of entry.postings) {
    if (!Number.isSafeInteger(posting.amountSats)) {
      throw new SkillproofError(
        'LEDGER_INVALID',
        `entry ${entry.taskId}#${entry.sequence} has a posting that is not whole satoshis`,
      );
    }
    sum += posting.amountSats;
  }
  if (sum !== 0) {
    throw new SkillproofError(
      'LEDGER_INVALID',
      `entry ${entry.taskId}#${entry.sequence} (${entry.kind}) does not balance: its postings sum to ${sum}`,
    );
  }
}

/**
 * Every account's balance, folded from `entries` in order (balances are never stored). Each
 * entry is checked to balance, and no escrow, payable or `paid` account may go negative at any
 * point (no overdraft).
 *
 * @throws SkillproofError `LEDGER_INVALID` when an entry does not balance or an account
 * that holds value would go negative.
 * @example
 * ```ts
 * ledgerBalances(entries).get('task:t-1:escrow'); // 5000
 * ```
 */
export function ledgerBalances(entries: Iterable<LedgerEntry>): Map<string, number> {
  const balances = new Map<string, number>();
  for (const entry of entries) {
    checkLedgerEntry(entry);
    for (const { account, amountSats } of entry.postings) {
      const balance = (balances.get(account) ?? 0) + amountSats;
      if (!Number.isSafeInteger(balance)) {
        throw new SkillproofError('LEDGER_INVALID', `the balance of ${account} overflows`);
      }
      if (balance < 0 && isNonNegativeAccount(account)) {
        throw new SkillproofError(
          'LEDGER_INVALID',
          `entry ${entry.taskId}#${entry.sequence} (${entry.kind}) overdraws ${account}`,
        );
      }
      balances.set(account, balance);
    }
  }
  return balances;
}
