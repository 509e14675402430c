import { timingSafeEqual } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';
import type { JobboardStore, StoredApplication } from '../ports/jobboard-store.js';
import {
  openid4vpLinkOf,
  openid4vpStatusToken,
  type Openid4vpRequestLink,
} from './create-openid4vp-request.js';
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
 * Only with the request's status token (`openid4vpStatusToken`): the request id is in the QR
 * code, and whoever sees that must not learn the decision.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown request, one of another posting, or a wrong
 * token (the same answer, so a guess learns nothing).
 * @example
 * ```ts
 * const status = await openid4vpRequestStatus(store, settings, postingId, requestId, token, now);
 * ```
 */
export async function openid4vpRequestStatus(
  store: JobboardStore,
  settings: Openid4vpSettings,
  postingId: string,
  requestId: string,
  statusToken: string,
  now: Date,
): Promise<Openid4vpRequestStatus> {
  const request = await store.findOpenid4vpRequest(requestId);
  const expected = Buffer.from(openid4vpStatusToken(settings, requestId));
  const given = Buffer.from(statusToken);
  const tokenMatches = given.length === expected.length && timingSafeEqual(given, expected);
  if (!request || request.postingId !== postingId || !tokenMatches) {
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
