import { randomUUID } from 'node:crypto';
import { loggedDefinition } from '../transparency/logged-definition.js';
import { credentialReceipt } from '../transparency/transparency-receipt.js';
import { hashToken } from '@skillproof/core';
import {
  Oauth2ErrorCodes,
  Oauth2ResourceUnauthorizedError,
  SupportedAuthenticationScheme,
} from '@openid4vc/oauth2';
import type { CredentialResponse } from '@openid4vc/openid4vci';
import { buildBadgeCredential } from '../domain/build-badge-credential.js';
import { buildBadgeCredentialV2 } from '../domain/build-badge-credential-v2.js';
import { completeCredential } from '../domain/complete-credential.js';
import type { IssuerContext } from '../domain/issuer-context.js';
import { credentialStatusEntries } from '../status/credential-status-entries.js';
import { achievementUrl } from '../catalog/catalog-urls.js';
import { oid4vciIssuerMetadata } from './credential-issuer-metadata.js';
import { readCredentialRequest } from './read-credential-request.js';
import { verifyKeyProof } from './verify-key-proof.js';
import { refuseOauth } from './refuse-oauth.js';

/** Input of {@link issueOfferedCredential}: the credential request as it came. */
export interface CredentialEndpointRequest {
  /** The Bearer token of the `Authorization` header, if there is one. */
  accessToken: string | undefined;
  /** The JSON body. */
  body: unknown;
}

function invalidToken(description: string): never {
  throw new Oauth2ResourceUnauthorizedError(description, {
    scheme: SupportedAuthenticationScheme.Bearer,
    error: Oauth2ErrorCodes.InvalidToken,
    error_description: description,
  });
}

/**
 * The credential endpoint (OpenID4VCI 1.0 §8): for a valid, unused access token, issues the
 * offered badge in the requested configuration's format to the key the wallet proves. Takes the
 * 1.0 request (`credential_configuration_id`, `proofs.jwt: [one]`) and the draft-15 one
 * (`proof: {proof_type: 'jwt', jwt}`), both parsed by `@openid4vc/openid4vci`. The subject is
 * the proven key as did:key, and must be the attempt's learner for a DID-auth offer. The access
 * token, the c_nonce and the offer are spent in the transaction that reserves the credential
 * with its status entries: nothing is half-issued, and a second request with the token is
 * refused. Answers `{credentials: [{credential}]}`: the compact JWS for `jwt_vc_json` and
 * `vc+jwt`, the signed document for `ldp_vc`.
 *
 * @throws Oauth2ResourceUnauthorizedError `invalid_token` (401) for a missing, unknown, expired
 * or used access token.
 * @throws Oauth2ServerErrorResponseError `invalid_credential_request`, `unknown_credential_configuration`,
 * `invalid_proof`, `invalid_nonce` (400).
 * @example
 * ```ts
 * res.json(await issueOfferedCredential(ctx, { accessToken: bearerToken(req), body: req.body }));
 * ```
 */
export async function issueOfferedCredential(
  ctx: IssuerContext,
  request: CredentialEndpointRequest,
): Promise<CredentialResponse> {
  if (request.accessToken === undefined) {
    invalidToken('a Bearer access token is required (POST the token endpoint)');
  }
  const tokenHash = hashToken(request.accessToken);
  const now = ctx.now();
  const token = await ctx.store.findAccessToken(tokenHash);
  if (!token || token.usedAt !== null || token.expiresAt <= now.toISOString()) {
    invalidToken('the access token is unknown, expired or used');
  }
  const offer = await ctx.store.findCredentialOffer(token.offerIdHash);
  if (!offer) invalidToken('the access token is unknown, expired or used');

  const { parsed, badge, format, proofJwt } = readCredentialRequest(ctx, offer, request.body);
  const metadata = oid4vciIssuerMetadata(ctx);
  const proof = await verifyKeyProof(ctx, proofJwt);
  if (offer.subjectDid !== null && proof.did !== offer.subjectDid) {
    refuseOauth(
      Oauth2ErrorCodes.InvalidProof,
      "the key proof is not the learner's DID this badge was earned by",
    );
  }
  const attempt = await ctx.store.findAttempt(offer.attemptId);
  if (
    !attempt?.passed ||
    attempt.score === null ||
    attempt.correct === null ||
    attempt.total === null
  ) {
    refuseOauth(
      Oauth2ErrorCodes.CredentialRequestDenied,
      'the attempt behind this offer did not pass',
    );
  }
  const grade = { score: attempt.score, correct: attempt.correct, total: attempt.total };
  const id = `urn:uuid:${randomUUID()}`;
  const definition = loggedDefinition(
    ctx.transparency,
    ctx.baseUrl,
    achievementUrl(ctx.baseUrl, badge.id),
  );
  const outcome = await ctx.store.reserveOfferedCredential({
    tokenHash,
    nonceHash: proof.nonceHash,
    offerIdHash: offer.idHash,
    attemptId: attempt.id,
    now: now.toISOString(),
    credential: {
      id,
      subjectDid: proof.did,
      achievementId: achievementUrl(ctx.baseUrl, badge.id),
      issuedAt: now.toISOString(),
      format,
      build: (allocations) => {
        const options = {
          id,
          issuer: ctx.profile,
          baseUrl: ctx.baseUrl,
          badge,
          learnerDid: proof.did,
          grade,
          attemptNumber: attempt.attemptNumber,
          credentialStatus: credentialStatusEntries(ctx.baseUrl, allocations),
          now,
          ...(definition ? { definition } : {}),
        };
        return format === 'jwt_vc_json'
          ? buildBadgeCredential(options)
          : buildBadgeCredentialV2(options);
      },
    },
  });
  if (outcome.outcome === 'nonce_used') {
    refuseOauth(Oauth2ErrorCodes.InvalidNonce, 'the c_nonce was used: get a new one');
  }
  if (outcome.outcome !== 'reserved') invalidToken('the access token is unknown, expired or used');
  const issued = await completeCredential(ctx, outcome.credential);
  ctx.log.info('badge issued over OpenID4VCI', {
    credentialId: id,
    badge: badge.id,
    format,
    subject: proof.did,
  });
  const credential = issued.format === 'ldp_vc' ? issued.credential : (issued.jwt as string);
  const response = metadata.issuer.createCredentialResponse({
    credentialRequest: parsed,
    credentials: [{ credential }],
  });
  // An additional Credential Response parameter (OpenID4VCI 1.0 §8.3): the transparency log
  // receipt of the credential (issue 17).
  const receipt = await credentialReceipt(ctx.transparency, ctx.baseUrl, id);
  return receipt ? { ...response, transparency_receipt: receipt } : response;
}
