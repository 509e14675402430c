import { SkillproofError } from '@skillproof/core';
import type { JobboardStore } from '../store/jobboard-store.js';
import { getPosting } from './get-posting.js';
import type { ApplicationSummary, Employer } from './jobboard-types.js';

/**
 * The applications to a posting, for the employer who owns it.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting, `FORBIDDEN` when it belongs to
 * another employer.
 */
export async function listApplications(
  store: JobboardStore,
  employer: Employer,
  postingId: string,
): Promise<ApplicationSummary[]> {
  const posting = await getPosting(store, postingId);
  if (posting.employerId !== employer.id) {
    throw new SkillproofError('FORBIDDEN', 'this posting belongs to another employer');
  }
  return store.listApplications(posting.id);
}
