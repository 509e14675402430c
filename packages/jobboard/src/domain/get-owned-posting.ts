import { SkillproofError } from '@skillproof/core';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { getPosting } from './get-posting.js';
import type { Employer, Posting } from '../jobboard-types.js';

/**
 * The posting with this id, for the employer who owns it.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting, `FORBIDDEN` when it belongs to
 * another employer.
 * @example
 * ```ts
 * const posting = await getOwnedPosting(store, employer, postingId);
 * ```
 */
export async function getOwnedPosting(
  store: JobboardStore,
  employer: Employer,
  postingId: string,
): Promise<Posting> {
  const posting = await getPosting(store, postingId);
  if (posting.employerId !== employer.id) {
    throw new SkillproofError('FORBIDDEN', 'this posting belongs to another employer');
  }
  return posting;
}
