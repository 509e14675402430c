import type { JobboardContext } from '../jobboard-context.js';
import type { Employer, Posting } from '../jobboard-types.js';
import type { CancelledEntry, PaidEntry } from '../paid-task-types.js';
import { paidTaskSummaryOf, type PaidTaskSummary } from './paid-task-summary.js';
import { cancelTask } from './tasks/cancel-task.js';
import { changeTask } from './tasks/change-task.js';
import { recordTaskPayment } from './tasks/record-task-payment.js';

/** A task settled: its summary after the change, and the entry written. */
export interface SettledPaidTask<Entry> {
  task: PaidTaskSummary | undefined;
  entry: Entry;
}

/**
 * Records that the employer paid a task's accepted claim by transaction `txid` (through
 * `changeTask`: of two concurrent payments one is written), for the API and the employer's page.
 *
 * @throws SkillproofError `TASK_NOT_ACCEPTED`, `TASK_ALREADY_PAID`, `TASK_CANCELLED`,
 * `VALIDATION_FAILED` (a txid that is not 64 hex digits); nothing is written then.
 * @example
 * ```ts
 * await recordPaidTaskPayment(context, { employer, posting, txid });
 * ```
 */
export async function recordPaidTaskPayment(
  context: Pick<JobboardContext, 'store' | 'now' | 'log'>,
  options: { employer: Employer; posting: Posting; txid: string },
): Promise<SettledPaidTask<PaidEntry>> {
  const { employer, posting } = options;
  const entry = await changeTask(context.store, posting.id, (latest) =>
    recordTaskPayment(latest, { employerId: employer.id, txid: options.txid, at: context.now() }),
  );
  context.log.info('task paid', { postingId: posting.id, txid: entry.txid });
  return {
    task: paidTaskSummaryOf(await context.store.ledgerEntriesOfTask(posting.id)),
    entry,
  };
}

/**
 * Cancels a task before it is paid: the reward goes back to the employer.
 *
 * @throws SkillproofError `TASK_ALREADY_PAID`, `TASK_CANCELLED`; nothing is written then.
 * @example
 * ```ts
 * await cancelPaidTask(context, { employer, posting, reason: 'no longer needed' });
 * ```
 */
export async function cancelPaidTask(
  context: Pick<JobboardContext, 'store' | 'now' | 'log'>,
  options: { employer: Employer; posting: Posting; reason: string },
): Promise<SettledPaidTask<CancelledEntry>> {
  const { employer, posting } = options;
  const entry = await changeTask(context.store, posting.id, (latest) =>
    cancelTask(latest, { employerId: employer.id, reason: options.reason, at: context.now() }),
  );
  context.log.info('task cancelled', { postingId: posting.id });
  return {
    task: paidTaskSummaryOf(await context.store.ledgerEntriesOfTask(posting.id)),
    entry,
  };
}
