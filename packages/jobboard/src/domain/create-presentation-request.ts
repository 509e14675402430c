import { randomBytes } from 'node:crypto';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { getPosting } from './get-posting.js';
import type { PresentationRequest } from '../jobboard-types.js';

/** Options for {@link createPresentationRequest}. */
export interface CreatePresentationRequestOptions {
  /** The audience a presentation must name: the job board's origin. */
  domain: string;
  now: Date;
  /** How long the nonce may be used. */
  nonceTtlSeconds: number;
}

/**
 * A fresh presentation request for a posting: a single-use nonce (32 random bytes, base64url)
 * bound to this posting, the domain, and the posting's presentation definition and DCQL query. Expired nonces
 * are swept on the way, so the table doesn't grow with abandoned requests.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting.
 */
export async function createPresentationRequest(
  store: JobboardStore,
  postingId: string,
  options: CreatePresentationRequestOptions,
): Promise<PresentationRequest> {
  const posting = await getPosting(store, postingId);
  const nonce = randomBytes(32).toString('base64url');
  const createdAt = options.now.toISOString();
  const expiresAt = new Date(options.now.getTime() + options.nonceTtlSeconds * 1000).toISOString();
  await store.deleteExpiredPresentationNonces(createdAt);
  await store.insertPresentationNonce({ nonce, postingId: posting.id, createdAt, expiresAt });
  return {
    nonce,
    domain: options.domain,
    presentation_definition: posting.presentation_definition,
    dcql_query: posting.dcql_query,
    expiresAt,
    postingId: posting.id,
  };
}
