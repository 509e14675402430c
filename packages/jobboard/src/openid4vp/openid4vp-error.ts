/** The OAuth 2.0 error codes the board answers an OpenID4VP wallet with (OpenID4VP 1.0 §8.5). */
export type Openid4vpErrorCode = 'invalid_request' | 'invalid_request_uri' | 'server_error';

/**
 * An error answered in the protocol's own shape, `{error, error_description}` (RFC 6749 §5.2),
 * with its HTTP status: a wallet reads these, not the board's `{error:{code,message}}`.
 *
 * @example
 * ```ts
 * throw new Openid4vpError(400, 'invalid_request', 'state does not match this request');
 * ```
 */
export class Openid4vpError extends Error {
  constructor(
    readonly status: number,
    readonly error: Openid4vpErrorCode,
    description: string,
  ) {
    super(description);
    this.name = 'Openid4vpError';
  }
}
