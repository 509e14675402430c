import { Oauth2ServerErrorResponseError, type Oauth2ErrorCodes } from '@openid4vc/oauth2';

/**
 * Refuses an OAuth or OpenID4VCI request with `error` and its description: the endpoints' error
 * handler answers it 400 `{error, error_description}`.
 *
 * @throws Oauth2ServerErrorResponseError always.
 * @example
 * ```ts
 * refuseOauth(Oauth2ErrorCodes.InvalidProof, 'exactly one jwt key proof is required');
 * ```
 */
export function refuseOauth(error: Oauth2ErrorCodes, description: string): never {
  throw new Oauth2ServerErrorResponseError({ error, error_description: description });
}
