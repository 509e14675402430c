import { SkillproofError } from '@skillproof/core';
import type { JobboardStore } from '../ports/jobboard-store.js';
import type { Posting } from '../jobboard-types.js';
import { publishedPosting } from './published-posting.js';

/**
 * The posting with this id.
 *
 * @throws SkillproofError `NOT_FOUND` when there is none.
 * @example
 * ```ts
 * const posting = await getPosting(store, postingId);
 * posting.requirements.map((requirement) => requirement.description);
 * ```
 */
export async function getPosting(store: JobboardStore, id: string): Promise<Posting> {
  const posting = await store.findPosting(id);
  if (!posting) throw new SkillproofError('NOT_FOUND', `no posting ${id}`);
  return publishedPosting(posting);
}
