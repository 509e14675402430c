import type { LedgerEntry } from '../paid-task-types.js';

/**
 * What the paid-task domain needs of a store: the ledger, append-only. A store keeps entries
 * as they are given (JSON or columns), never updates or deletes one, and appends an entry only
 * when its `sequence` is the next of its task: a unique key on `(taskId, sequence)` makes two
 * changes decided on the same history exclusive, whatever the number of board instances.
 */
export interface TaskLedgerStore {
  /** The task's entries, by `sequence`; none for an unknown task. */
  ledgerEntriesOfTask(taskId: string): Promise<LedgerEntry[]>;
  /**
   * Appends `entry`; false (nothing written) when the task has an entry of that `sequence`
   * already, i.e. another change got there first.
   */
  appendLedgerEntry(entry: LedgerEntry): Promise<boolean>;
  /** Every entry, in the order appended: what the export reads. */
  ledgerEntries(): Promise<LedgerEntry[]>;
}
