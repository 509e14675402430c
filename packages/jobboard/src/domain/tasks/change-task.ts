import { SkillproofError } from '@skillproof/core';
import type { LedgerEntry } from '../../paid-task-types.js';
import type { TaskLedgerStore } from '../../ports/task-ledger-store.js';

/** How often {@link changeTask} decides again after losing a race. */
export interface ChangeTaskOptions {
  /** Attempts in all; default 5. */
  attempts?: number;
}

/**
 * Changes a paid task: reads its history, lets `decide` (one of `postTask`, `claimTask`,
 * `acceptTaskClaim`, `recordTaskPayment`, `cancelTask`) make the entry, and appends it. When
 * another change was appended in between (the store refuses the stale `sequence`), it reads
 * again and decides again, so the loser sees the winner's entry: a second acceptance or
 * payment is then refused by the rules, never written.
 *
 * @throws whatever `decide` throws (nothing is written then); SkillproofError `CONFLICT` when
 * every attempt lost a race.
 * @example
 * ```ts
 * const entry = await changeTask(store, taskId, (history) =>
 *   recordTaskPayment(history, { employerId: employer.id, txid, at: clock.now() }));
 * ```
 */
export async function changeTask<Entry extends LedgerEntry>(
  store: TaskLedgerStore,
  taskId: string,
  decide: (history: LedgerEntry[]) => Entry,
  options: ChangeTaskOptions = {},
): Promise<Entry> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const entry = decide(await store.ledgerEntriesOfTask(taskId));
    if (entry.taskId !== taskId) {
      throw new TypeError(`decided an entry of task ${entry.taskId}, not ${taskId}`);
    }
    if (await store.appendLedgerEntry(entry)) return entry;
  }
  throw new SkillproofError(
    'CONFLICT',
    `task ${taskId} changed ${attempts} times while this change was being decided; try again`,
  );
}
