import { SkillproofError } from '@skillproof/core';
import type { Employer, Posting } from '../jobboard-types.js';
import type { LedgerEntry } from '../paid-task-types.js';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { getOwnedPosting } from './get-owned-posting.js';
import { getPosting } from './get-posting.js';

/** A posting that is a paid task, with its ledger. */
export interface PaidTaskOfPosting {
  posting: Posting;
  history: LedgerEntry[];
}

/**
 * The posting with this id and its task ledger; with `employer`, only for the employer who owns
 * it. The task's id is the posting's.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting or one that is not a paid task;
 * `FORBIDDEN` for another employer's.
 * @example
 * ```ts
 * const { posting, history } = await paidTaskOfPosting(store, postingId, employer);
 * ```
 */
export async function paidTaskOfPosting(
  store: JobboardStore,
  postingId: string,
  employer?: Employer,
): Promise<PaidTaskOfPosting> {
  const posting =
    employer === undefined
      ? await getPosting(store, postingId)
      : await getOwnedPosting(store, employer, postingId);
  const history = await store.ledgerEntriesOfTask(posting.id);
  if (history.length === 0) {
    throw new SkillproofError('NOT_FOUND', `posting ${posting.id} is not a paid task`);
  }
  return { posting, history };
}
