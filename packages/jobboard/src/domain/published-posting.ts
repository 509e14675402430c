import type { StoredPosting } from '../ports/jobboard-store.js';
import type { Posting } from '../jobboard-types.js';
import { deriveDcqlQuery } from './derive-dcql-query.js';

/**
 * A stored posting as the board publishes it: with its DCQL query, derived from its requirements
 * as they are read, so every posting carries one (those stored before DCQL too) and it can never
 * disagree with them.
 *
 * @example
 * ```ts
 * const posting = publishedPosting(await store.findPosting(id));
 * posting.dcql_query.credential_sets; // one per requirement
 * ```
 */
export function publishedPosting(stored: StoredPosting): Posting {
  return {
    ...stored,
    dcql_query: deriveDcqlQuery({
      id: stored.id,
      title: stored.title,
      requirements: stored.requirements,
      labels: stored.labels,
    }),
  };
}
