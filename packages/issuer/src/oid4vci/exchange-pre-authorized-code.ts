import { hashToken } from '@skillproof/core';
import {
  Oauth2ErrorCodes,
  preAuthorizedCodeGrantIdentifier,
  type AccessTokenResponse,
} from '@openid4vc/oauth2';
import type { IssuerContext } from '../domain/issuer-context.js';
import { randomToken } from '../domain/random-token.js';
import { isoAfter } from '../domain/time.js';
import type { PreAuthorizedCodeOutcome } from '../ports/issuer-store.js';
import { oid4vciIssuerMetadata } from './credential-issuer-metadata.js';
import { txCodeHashOf } from './credential-offer-object.js';
import { refuseOauth } from './refuse-oauth.js';

/** Wrong transaction codes after which an offer is burned. */
export const maxWrongTxCodes = 5;

/** How long an access token opens the credential endpoint (once). */
export const accessTokenTtlSeconds = 300;

/** Input of {@link exchangePreAuthorizedCode}: the token request as it came. */
export interface TokenRequest {
  /** The form fields (`grant_type`, `pre-authorized_code`, `tx_code`, …). */
  body: Record<string, unknown>;
  headers: Headers;
  url: string;
}

const refusals: Record<
  Exclude<PreAuthorizedCodeOutcome['outcome'], 'issued' | 'tx_code_wrong'>,
  { error: Oauth2ErrorCodes; description: string }
> = {
  unknown: { error: Oauth2ErrorCodes.InvalidGrant, description: 'unknown pre-authorized_code' },
  used: {
    error: Oauth2ErrorCodes.InvalidGrant,
    description: 'the pre-authorized_code was used already',
  },
  expired: { error: Oauth2ErrorCodes.InvalidGrant, description: 'the pre-authorized_code expired' },
  burned: {
    error: Oauth2ErrorCodes.InvalidGrant,
    description: 'too many wrong tx_code values: the offer is void; ask for a new one',
  },
  tx_code_missing: {
    error: Oauth2ErrorCodes.InvalidGrant,
    description: 'this offer needs its tx_code',
  },
  tx_code_unexpected: {
    error: Oauth2ErrorCodes.InvalidRequest,
    description: 'this offer has no tx_code; leave it out',
  },
};

/**
 * The token endpoint (OpenID4VCI 1.0 §6, RFC 6749 §5): exchanges a pre-authorized code (and its
 * transaction code) for an access token, once. The request is parsed by `@openid4vc/oauth2`;
 * the code is checked, spent and the token stored (by its hash) in one store transaction, so
 * of many requests with one code exactly one gets a token. The token is opaque: 256 random bits
 * stored by hash, single-use at the credential endpoint; a signed JWT would save no lookup,
 * since its single use must be recorded in the database anyway.
 *
 * @throws Oauth2ServerErrorResponseError `unsupported_grant_type` for another grant;
 * `invalid_request` for a malformed request or an unexpected `tx_code`; `invalid_grant` for an
 * unknown, used, expired or burned code, a missing or wrong `tx_code` (counted: after
 * {@link maxWrongTxCodes} the offer is void).
 * @example
 * ```ts
 * res.json(await exchangePreAuthorizedCode(ctx, { body: req.body, headers, url }));
 * ```
 */
export async function exchangePreAuthorizedCode(
  ctx: IssuerContext,
  request: TokenRequest,
): Promise<AccessTokenResponse> {
  const { authorizationServerApi } = oid4vciIssuerMetadata(ctx);
  const { grant } = authorizationServerApi.parseAccessTokenRequest({
    accessTokenRequest: request.body,
    request: { headers: request.headers, method: 'POST', url: request.url },
  });
  if (grant.grantType !== preAuthorizedCodeGrantIdentifier) {
    refuseOauth(
      Oauth2ErrorCodes.UnsupportedGrantType,
      `only ${preAuthorizedCodeGrantIdentifier} is supported`,
    );
  }
  const codeHash = hashToken(grant.preAuthorizedCode);
  const accessToken = randomToken();
  const now = ctx.now();
  const outcome = await ctx.store.redeemPreAuthorizedCode({
    codeHash,
    txCodeHash: grant.txCode === undefined ? null : txCodeHashOf(codeHash, grant.txCode),
    now: now.toISOString(),
    maxWrongTxCodes,
    accessToken: {
      tokenHash: hashToken(accessToken),
      expiresAt: isoAfter(now, accessTokenTtlSeconds * 1000),
    },
  });
  if (outcome.outcome === 'tx_code_wrong') {
    refuseOauth(
      Oauth2ErrorCodes.InvalidGrant,
      outcome.attemptsLeft > 0
        ? `wrong tx_code: ${outcome.attemptsLeft} tries left`
        : 'wrong tx_code: no tries left, the offer is void',
    );
  }
  if (outcome.outcome !== 'issued') {
    const refusal = refusals[outcome.outcome];
    refuseOauth(refusal.error, refusal.description);
  }
  ctx.log.info('oid4vci access token issued', { badge: outcome.offer.badge });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: accessTokenTtlSeconds };
}
