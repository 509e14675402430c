import type { JobboardStore } from '../ports/jobboard-store.js';
import type { Posting } from '../jobboard-types.js';
import { publishedPosting } from './published-posting.js';

/** A posting as the board's home page lists it: with the name of the employer who posted it. */
export interface PublicPosting {
  posting: Posting;
  employerName: string;
}

/**
 * Every posting, newest first, each with its employer's name; public.
 *
 * @example
 * ```ts
 * const listed = await listPublicPostings(store);
 * listed[0]?.employerName; // 'Acme Analytics'
 * ```
 */
export async function listPublicPostings(store: JobboardStore): Promise<PublicPosting[]> {
  const postings = await store.listPostings();
  const names = new Map<string, string>();
  for (const employerId of new Set(postings.map((posting) => posting.employerId))) {
    names.set(employerId, (await store.findEmployer(employerId))?.name ?? 'an employer');
  }
  return postings.map((posting) => ({
    posting: publishedPosting(posting),
    employerName: names.get(posting.employerId) ?? 'an employer',
  }));
}
