import { createOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import { getGlobalConfig, setGlobalConfig } from '@openid4vc/utils';
import type { JobboardStore } from '../ports/jobboard-store.js';
import { openOpenid4vpRequest } from './open-openid4vp-request.js';
import { openid4vpRequestPayload } from './openid4vp-request-payload.js';
import type { Openid4vpSettings } from './openid4vp-settings.js';

/**
 * The signed request object of OpenID4VP request `id` (RFC 9101 JAR, `typ`
 * `oauth-authz-req+jwt`, EdDSA by the board's DID key), made by `@openid4vc/openid4vp` and valid
 * until the request expires.
 *
 * @throws Openid4vpError 404/410 `invalid_request_uri` for an unknown, expired or answered request.
 * @example
 * ```ts
 * res.type('application/oauth-authz-req+jwt').send(await signOpenid4vpRequest(store, settings, id, now));
 * ```
 */
export async function signOpenid4vpRequest(
  store: JobboardStore,
  settings: Openid4vpSettings,
  id: string,
  now: Date,
): Promise<string> {
  const { request, posting } = await openOpenid4vpRequest(store, id, now);
  const secondsLeft = Math.max(
    1,
    Math.floor((Date.parse(request.expiresAt) - now.getTime()) / 1000),
  );
  const { identity } = settings;
  // The library refuses http response URIs (OpenID4VP 1.0 §5.10 wants https); a board on plain
  // http (loopback, development) is allowed them, as its configured URL says it is.
  if (settings.baseUrl.startsWith('http:') && !getGlobalConfig().allowInsecureUrls) {
    setGlobalConfig({ ...getGlobalConfig(), allowInsecureUrls: true });
  }
  const created = await createOpenid4vpAuthorizationRequest({
    authorizationRequestPayload: openid4vpRequestPayload(settings, request, posting),
    jar: {
      requestUri: `${settings.baseUrl}/oid4vp/requests/${request.id}`,
      jwtSigner: { method: 'did', didUrl: identity.kid, alg: 'EdDSA' },
      expiresInSeconds: secondsLeft,
    },
    callbacks: {
      signJwt: async (_signer, jwt) => ({
        jwt: await identity.signJwt(jwt.payload, String(jwt.header.typ ?? 'oauth-authz-req+jwt')),
        signerJwk: identity.publicJwk,
      }),
      encryptJwe: () => {
        throw new TypeError('the board does not encrypt request objects');
      },
    },
    now,
  });
  if (!created.jar) throw new TypeError('the library made no request object');
  return created.jar.authorizationRequestJwt;
}
