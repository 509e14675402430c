import { getPosting } from '../domain/get-posting.js';
import type { Posting } from '../jobboard-types.js';
import type { JobboardStore, StoredOpenid4vpRequest } from '../ports/jobboard-store.js';
import { Openid4vpError } from './openid4vp-error.js';

/**
 * The OpenID4VP request `id` and its posting, while a wallet may still answer it: neither
 * answered nor expired at `now`.
 *
 * @throws Openid4vpError 404 `invalid_request_uri` for an unknown request (or posting), 410 for
 * an expired or answered one: what its URI stood for is gone.
 * @example
 * ```ts
 * const { request, posting } = await openOpenid4vpRequest(store, requestId, new Date());
 * ```
 */
export async function openOpenid4vpRequest(
  store: JobboardStore,
  id: string,
  now: Date,
): Promise<{ request: StoredOpenid4vpRequest; posting: Posting }> {
  const request = await store.findOpenid4vpRequest(id);
  if (!request) throw new Openid4vpError(404, 'invalid_request_uri', 'no such request');
  if (request.consumedAt !== undefined) {
    throw new Openid4vpError(410, 'invalid_request_uri', 'this request was already answered');
  }
  if (request.expiresAt <= now.toISOString()) {
    throw new Openid4vpError(410, 'invalid_request_uri', 'this request has expired');
  }
  const posting = await getPosting(store, request.postingId).catch(() => {
    throw new Openid4vpError(404, 'invalid_request_uri', 'no such request');
  });
  return { request, posting };
}
