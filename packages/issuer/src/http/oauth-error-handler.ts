import { isSkillproofError } from '@skillproof/core';
import {
  Oauth2ErrorCodes,
  Oauth2ResourceUnauthorizedError,
  Oauth2ServerErrorResponseError,
} from '@openid4vc/oauth2';
import { retryAfterSecondsOf } from '@skillproof/server/http';
import type { ErrorRequestHandler } from 'express';
import type { IssuerLog } from '../ports/issuer-log.js';

// RFC 6749 §5.2: error_description is printable ASCII without '"' and '\'.
function describe(text: string | undefined): { error_description?: string } {
  if (text === undefined) return {};
  return { error_description: text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]+/g, ' ').slice(0, 300) };
}

/**
 * The error answer of the OAuth and OpenID4VCI endpoints (token, nonce, credential), in their
 * own shape `{error, error_description}` (RFC 6749 §5.2, RFC 6750 §3, OpenID4VCI 1.0 §8.3.1):
 * a refused access token is 401 with `WWW-Authenticate: Bearer error="invalid_token"`; a body
 * too large, of another media type, or malformed is `invalid_request` with its status (413,
 * 415, 400); a rate limit is 429 `invalid_request` with `Retry-After`; anything unforeseen is
 * logged and answered `server_error`, never with its message.
 */
export function createOauthErrorHandler(log: IssuerLog): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof Oauth2ResourceUnauthorizedError) {
      const [challenge] = error.wwwAuthenticateHeaders;
      res
        .status(401)
        .set('WWW-Authenticate', error.toHeaderValue())
        .json({
          error: challenge?.error ?? Oauth2ErrorCodes.InvalidToken,
          ...describe(challenge?.error_description),
        });
      return;
    }
    if (error instanceof Oauth2ServerErrorResponseError) {
      const { error: code, error_description: description } = error.errorResponse;
      res.status(error.status).json({ error: code, ...describe(description) });
      return;
    }
    if (isSkillproofError(error) && error.status < 500) {
      // A rate limit is 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3) and
      // `invalid_request`: no OAuth or OpenID4VCI error code means "too many requests".
      // `slow_down` (RFC 8628 §3.5) says a grant is still pending and polling should go on, which
      // a pre-authorized code never is, and it is registered for the token endpoint only; the
      // status and the header carry the meaning, in a code every one of these endpoints answers.
      const retryAfter = retryAfterSecondsOf(error);
      if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
      res
        .status(error.status)
        .json({ error: Oauth2ErrorCodes.InvalidRequest, ...describe(error.message) });
      return;
    }
    log.error('unhandled error', { error: error instanceof Error ? error.stack : String(error) });
    res.status(500).json({ error: Oauth2ErrorCodes.ServerError });
  };
}
