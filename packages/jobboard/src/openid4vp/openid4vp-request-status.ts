import { SkillproofError } from '@skillproof/core';
import type { JobboardStore, StoredApplication } from '../ports/jobboard-store.js';
import { openid4vpLinkOf, type Openid4vpRequestLink } from './create-openid4vp-request.js';
import type { Openid4vpSettings } from './openid4vp-settings.js';

/** What became of an OpenID4VP request, as its status page shows it. */
export type Openid4vpRequestStatus =
  | { state: 'pending'; request: Openid4vpRequestLink }
  | { state: 'expired'; expiresAt: string }
  | { state: 'decided'; application: StoredApplication };

/**
 * Whether OpenID4VP request `requestId` of posting `postingId` still waits for a wallet (with its
 * link), has expired unanswered (nothing else is said), or was answered (with the application
 * and its reasons).
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown request, or one of another posting.
 * @example
 * ```ts
 * const status = await openid4vpRequestStatus(store, settings, postingId, requestId, now);
 * ```
 */
export async function openid4vpRequestStatus(
  store: JobboardStore,
  settings: Openid4vpSettings,
  postingId: string,
  requestId: string,
  now: Date,
): Promise<Openid4vpRequestStatus> {
  const request = await store.findOpenid4vpRequest(requestId);
  if (!request || request.postingId !== postingId) {
    throw new SkillproofError('NOT_FOUND', 'no such wallet request');
  }
  if (request.applicationId !== undefined) {
    const application = await store.findApplication(postingId, request.applicationId);
    if (application) return { state: 'decided', application };
  }
  if (request.expiresAt <= now.toISOString()) {
    return { state: 'expired', expiresAt: request.expiresAt };
  }
  return {
    state: 'pending',
    request: { ...openid4vpLinkOf(settings, postingId, requestId), expiresAt: request.expiresAt },
  };
}
