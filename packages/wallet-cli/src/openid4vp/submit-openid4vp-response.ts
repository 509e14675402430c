import { isJsonObject, SkillproofError } from '@skillproof/core';
import { submitOpenid4vpAuthorizationResponse } from '@openid4vc/openid4vp';
import { CompactEncrypt, importJWK } from 'jose';
import type { FetchLike } from '../net/fetch-bounded.js';
import type { UpstreamErrorDetails } from '../net/request-json.js';
import { createSecureFetch } from '../net/secure-fetch.js';
import { printable } from '../terminal/output.js';
import type { Openid4vpRequest } from './resolve-openid4vp-request.js';

/** A requirement as our job board explains it (`application` extension). */
export interface ApplicationRequirement {
  id: string;
  met: boolean;
  code: string | null;
  reason: string;
}

/** Our job board's extension of the answer: its decision, with a reason per requirement. */
export interface ApplicationOutcome {
  id: string;
  qualified: boolean;
  requirements: ApplicationRequirement[];
}

/** What the verifier answered to the posted `vp_token`. */
export interface Openid4vpAnswer {
  status: number;
  /** Where the verifier sends the learner next (§8.2), if anywhere. */
  redirectUri: string | null;
  /** Present when the verifier is a Skillproof job board. */
  application: ApplicationOutcome | null;
}

/** What {@link submitOpenid4vpResponse} posts. */
export interface SubmitOpenid4vpResponseOptions {
  responseUri: string;
  /**
   * Credential query id -> presentations (OpenID4VP 1.0 §8.1): compact JWTs, or JSON objects
   * for Data Integrity presentations (Appendix B.1.3.2).
   */
  vpToken: Record<string, Array<string | Record<string, unknown>>>;
  state: string | undefined;
  /** Encrypt the answer (`direct_post.jwt`) as the request says; null posts it as a plain form. */
  encryption?: Openid4vpRequest['encryption'];
  /** The request's nonce: the JWE's `apv` (Agreement PartyVInfo), as the library's holders set it. */
  nonce?: string;
}

/**
 * The `response` of a `direct_post.jwt` answer (OpenID4VP 1.0 §8.3): `vp_token` and `state` as
 * JSON, encrypted to the verifier's key by ECDH-ES with the agreed content encryption.
 */
async function encryptedResponse(
  encryption: NonNullable<Openid4vpRequest['encryption']>,
  claims: Record<string, unknown>,
  nonce: string | undefined,
): Promise<string> {
  const key = await importJWK(encryption.jwk, 'ECDH-ES');
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({
      alg: 'ECDH-ES',
      enc: encryption.enc,
      ...(encryption.jwk.kid === undefined ? {} : { kid: encryption.jwk.kid }),
    })
    .setKeyManagementParameters(nonce === undefined ? {} : { apv: new TextEncoder().encode(nonce) })
    .encrypt(key);
}

function applicationOf(value: unknown): ApplicationOutcome | null {
  if (!isJsonObject(value) || typeof value['id'] !== 'string') return null;
  const requirements = value['requirements'];
  if (typeof value['qualified'] !== 'boolean' || !Array.isArray(requirements)) return null;
  const read = requirements.flatMap((requirement: unknown) =>
    isJsonObject(requirement) &&
    typeof requirement['id'] === 'string' &&
    typeof requirement['met'] === 'boolean' &&
    typeof requirement['reason'] === 'string'
      ? [
          {
            id: requirement['id'],
            met: requirement['met'],
            code: typeof requirement['code'] === 'string' ? requirement['code'] : null,
            reason: requirement['reason'],
          },
        ]
      : [],
  );
  return { id: value['id'], qualified: value['qualified'], requirements: read };
}

/**
 * Posts the `vp_token` (and `state`) to the verifier's `response_uri` as a form
 * (OpenID4VP 1.0 §8.2, `direct_post`; encrypted as `response` for `direct_post.jwt`, §8.3),
 * through the library and the hardened fetch, and reads
 * its answer: `redirect_uri`, and our job board's `application` extension when there is one.
 *
 * @throws SkillproofError `UPSTREAM_FAILED` when the verifier refuses, with its OAuth error.
 * @example
 * ```ts
 * const answer = await submitOpenid4vpResponse(fetch, { responseUri, vpToken: { 'r1-jwt': [vp] }, state });
 * ```
 */
export async function submitOpenid4vpResponse(
  fetcher: FetchLike,
  options: SubmitOpenid4vpResponseOptions,
): Promise<Openid4vpAnswer> {
  const claims = {
    vp_token: options.vpToken,
    ...(options.state === undefined ? {} : { state: options.state }),
  };
  const { response } = await submitOpenid4vpAuthorizationResponse({
    authorizationRequestPayload: { response_uri: options.responseUri },
    authorizationResponsePayload: claims,
    ...(options.encryption
      ? {
          jarm: { responseJwt: await encryptedResponse(options.encryption, claims, options.nonce) },
        }
      : {}),
    callbacks: { fetch: createSecureFetch(fetcher) },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const origin = new URL(options.responseUri).origin;
  if (!response.ok) {
    const error = isJsonObject(body) ? body['error'] : undefined;
    const description = isJsonObject(body) ? body['error_description'] : undefined;
    const message = printable(
      typeof description === 'string' ? description.slice(0, 300) : `HTTP ${response.status}`,
    );
    const retryAfter = response.headers.get('retry-after')?.trim() ?? '';
    // The shape `upstreamErrorDetails` reads, so callers tell a 503 from a refusal.
    const details: UpstreamErrorDetails = {
      status: response.status,
      message,
      ...(typeof error === 'string' ? { code: error } : {}),
      ...(/^\d+$/.test(retryAfter) ? { retryAfterSeconds: Number(retryAfter) } : {}),
    };
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${origin} refused the presentation (HTTP ${response.status}${typeof error === 'string' ? `, ${printable(error)}` : ''}): ${message}`,
      details,
    );
  }
  const redirectUri = isJsonObject(body) ? body['redirect_uri'] : undefined;
  return {
    status: response.status,
    redirectUri: typeof redirectUri === 'string' ? redirectUri : null,
    application: isJsonObject(body) ? applicationOf(body['application']) : null,
  };
}
