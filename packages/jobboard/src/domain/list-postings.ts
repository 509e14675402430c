import type { JobboardStore } from '../ports/jobboard-store.js';
import type { Posting } from '../jobboard-types.js';
import { publishedPosting } from './published-posting.js';

/**
 * Every posting, newest first; public. Each requirement carries its plain-words `description`.
 *
 * @example
 * ```ts
 * const postings = await listPostings(store);
 * ```
 */
export async function listPostings(store: JobboardStore): Promise<Posting[]> {
  return (await store.listPostings()).map(publishedPosting);
}
