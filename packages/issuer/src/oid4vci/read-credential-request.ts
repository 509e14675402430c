import { isJsonObject } from '@skillproof/core';
import { Oauth2ErrorCodes } from '@openid4vc/oauth2';
import type { ParseCredentialRequestReturn } from '@openid4vc/openid4vci';
import type { Badge } from '../catalog/catalog-types.js';
import type { IssuerContext } from '../domain/issuer-context.js';
import type { CredentialOfferRecord, IssuedFormat } from '../ports/issuer-store.js';
import { oid4vciIssuerMetadata } from './credential-issuer-metadata.js';
import { readCredentialConfigurationId } from './offered-formats.js';
import { refuseOauth } from './refuse-oauth.js';

/** A credential request as {@link readCredentialRequest} reads it. */
export interface ReadCredentialRequest {
  /** What `@openid4vc/openid4vci` parsed (1.0 `proofs` or draft-15 `proof`). */
  parsed: ParseCredentialRequestReturn;
  badge: Badge;
  format: IssuedFormat;
  /** The one `jwt` key proof, not verified yet. */
  proofJwt: string;
}

/**
 * Reads a credential request (OpenID4VCI 1.0 §8.2, and draft 15's singular `proof`) through
 * `@openid4vc/openid4vci`: a configuration of this issuer that the offer includes, and exactly
 * one `jwt` key proof.
 *
 * @throws Oauth2ServerErrorResponseError `invalid_credential_request` (not an object, no
 * configuration id, a configuration the offer does not include), `unknown_credential_configuration`,
 * `unknown_credential_identifier`, `invalid_proof` (no `jwt` proof, or more than one).
 */
export function readCredentialRequest(
  ctx: Pick<IssuerContext, 'baseUrl' | 'catalog' | 'profile'>,
  offer: Pick<CredentialOfferRecord, 'configurationIds'>,
  body: unknown,
): ReadCredentialRequest {
  if (!isJsonObject(body)) {
    refuseOauth(Oauth2ErrorCodes.InvalidCredentialRequest, 'expected a JSON object');
  }
  const metadata = oid4vciIssuerMetadata(ctx);
  const asked = (body as Record<string, unknown>)['credential_configuration_id'];
  if (
    typeof asked === 'string' &&
    !(asked in metadata.credentialIssuer.credential_configurations_supported)
  ) {
    refuseOauth(Oauth2ErrorCodes.UnknownCredentialConfiguration, `unknown configuration ${asked}`);
  }
  const parsed = metadata.issuer.parseCredentialRequest({
    issuerMetadata: metadata.result,
    credentialRequest: body as Record<string, unknown>,
  });
  if (parsed.credentialIdentifier !== undefined) {
    refuseOauth(
      Oauth2ErrorCodes.UnknownCredentialIdentifier,
      'no credential identifiers are issued here; ask by credential_configuration_id',
    );
  }
  const requested = parsed.credentialConfigurationId;
  if (requested === undefined) {
    refuseOauth(
      Oauth2ErrorCodes.InvalidCredentialRequest,
      'credential_configuration_id is required',
    );
  }
  // The access token opens only what its offer offered (OpenID4VCI 1.0 §8.2).
  if (!offer.configurationIds.includes(requested)) {
    refuseOauth(
      Oauth2ErrorCodes.InvalidCredentialRequest,
      `the offer does not include ${requested}`,
    );
  }
  const configuration = readCredentialConfigurationId(ctx.catalog, requested);
  if (!configuration) {
    refuseOauth(
      Oauth2ErrorCodes.UnknownCredentialConfiguration,
      `unknown configuration ${requested}`,
    );
  }
  const jwts = parsed.proofs?.jwt;
  const [proofJwt] = jwts ?? [];
  if (jwts?.length !== 1 || typeof proofJwt !== 'string') {
    refuseOauth(Oauth2ErrorCodes.InvalidProof, 'exactly one jwt key proof is required');
  }
  return { parsed, ...configuration, proofJwt };
}
