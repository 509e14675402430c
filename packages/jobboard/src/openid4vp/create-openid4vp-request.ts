import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { getPosting } from '../domain/get-posting.js';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { boardClientId, type Openid4vpSettings } from './openid4vp-settings.js';

/** A fresh OpenID4VP request, as `POST /api/postings/:id/openid4vp-requests` answers it. */
export interface Openid4vpRequestLink {
  requestId: string;
  /** Where the wallet fetches the signed request object. */
  requestUri: string;
  /** `openid4vp://?client_id=…&request_uri=…`: the QR code and the same-device button. */
  link: string;
  expiresAt: string;
  /**
   * The page that shows the request's outcome. It carries a token the link does not, so a
   * person who sees or scans the QR code cannot read the decision.
   */
  statusUrl: string;
}

/**
 * A new OpenID4VP request for a posting: a fresh nonce (a presentation nonce, consumed like
 * every other) and state, both 32 random bytes, valid for `settings.ttlSeconds`, passed by
 * reference (OpenID4VP 1.0 §5.7: `request_uri`). Expired presentation nonces are swept on the way.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting.
 * @example
 * ```ts
 * const { link } = await createOpenid4vpRequest(store, settings, postingId, new Date());
 * ```
 */
export async function createOpenid4vpRequest(
  store: JobboardStore,
  settings: Openid4vpSettings,
  postingId: string,
  now: Date,
): Promise<Openid4vpRequestLink> {
  const posting = await getPosting(store, postingId);
  const id = randomUUID();
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + settings.ttlSeconds * 1000).toISOString();
  await store.deleteExpiredPresentationNonces(createdAt);
  await store.insertOpenid4vpRequest({
    id,
    postingId: posting.id,
    nonce: randomBytes(32).toString('base64url'),
    state: randomBytes(32).toString('base64url'),
    createdAt,
    expiresAt,
  });
  return { ...openid4vpLinkOf(settings, posting.id, id), expiresAt };
}

/**
 * The URIs of OpenID4VP request `requestId` of posting `postingId`: where its request object is,
 * the `openid4vp://` link naming it by reference (§5.7), and its status page.
 *
 * @example
 * ```ts
 * openid4vpLinkOf(settings, postingId, requestId).link; // 'openid4vp://?client_id=…&request_uri=…'
 * ```
 */
export function openid4vpLinkOf(
  settings: Openid4vpSettings,
  postingId: string,
  requestId: string,
): Omit<Openid4vpRequestLink, 'expiresAt'> {
  const requestUri = `${settings.baseUrl}/oid4vp/requests/${encodeURIComponent(requestId)}`;
  const query = new URLSearchParams({
    client_id: boardClientId(settings),
    request_uri: requestUri,
  });
  return {
    requestId,
    requestUri,
    link: `openid4vp://?${query.toString()}`,
    statusUrl: openid4vpStatusUrl(settings, postingId, requestId),
  };
}

/**
 * The token that opens the status page of OpenID4VP request `requestId`: an HMAC of the request id
 * under a secret of the board's key. Only the browser that made the request (and the wallet that
 * answers it, through `redirect_uri`) is given it; the request id alone, which the QR code shows,
 * opens nothing.
 *
 * @example
 * ```ts
 * openid4vpStatusToken(settings, requestId); // 43 base64url characters
 * ```
 */
export function openid4vpStatusToken(settings: Openid4vpSettings, requestId: string): string {
  return createHmac('sha256', settings.identity.secretFor('openid4vp status page'))
    .update(requestId)
    .digest('base64url');
}

/**
 * The page that shows what became of OpenID4VP request `requestId`.
 *
 * @example
 * ```ts
 * openid4vpStatusUrl(settings, postingId, requestId); // '<board>/postings/<id>/wallet/<request id>/<token>'
 * ```
 */
export function openid4vpStatusUrl(
  settings: Openid4vpSettings,
  postingId: string,
  requestId: string,
): string {
  const token = openid4vpStatusToken(settings, requestId);
  return `${settings.baseUrl}/postings/${encodeURIComponent(postingId)}/wallet/${encodeURIComponent(requestId)}/${token}`;
}
