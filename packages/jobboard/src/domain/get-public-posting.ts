import type { JobboardStore } from '../ports/jobboard-store.js';
import { getPosting } from './get-posting.js';
import type { PublicPosting } from './list-public-postings.js';

/**
 * One posting with the name of the employer who posted it; public.
 *
 * @throws SkillproofError `NOT_FOUND` when there is none.
 * @example
 * ```ts
 * const { posting, employerName } = await getPublicPosting(store, postingId);
 * ```
 */
export async function getPublicPosting(store: JobboardStore, id: string): Promise<PublicPosting> {
  const posting = await getPosting(store, id);
  const employer = await store.findEmployer(posting.employerId);
  return { posting, employerName: employer?.name ?? 'an employer' };
}
