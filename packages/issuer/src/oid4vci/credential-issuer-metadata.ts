import { openBadgesContextV3, vcContextV2 } from '@skillproof/core';
import { Oauth2AuthorizationServer, type AuthorizationServerMetadata } from '@openid4vc/oauth2';
import {
  Openid4vciIssuer,
  Openid4vciVersion,
  type CredentialIssuerMetadata,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci';
import type { Badge } from '../catalog/catalog-types.js';
import { badgeImageUrl } from '../catalog/catalog-urls.js';
import type { IssuerContext } from '../domain/issuer-context.js';
import type { IssuedFormat } from '../ports/issuer-store.js';
import { oid4vciCallbacks } from './oid4vci-callbacks.js';
import { credentialConfigurationId, offeredFormats } from './offered-formats.js';

/** The paths of the OpenID4VCI endpoints, under the issuer's base URL. */
export const oid4vciPaths = {
  token: '/oid4vci/token',
  nonce: '/oid4vci/nonce',
  credential: '/oid4vci/credential',
  offers: '/oid4vci/offers',
  logo: '/issuer/logo.svg',
} as const;

/** What {@link oid4vciIssuerMetadata} builds once per issuer. */
export interface Oid4vciIssuerMetadata {
  /** `GET /.well-known/openid-credential-issuer`. */
  credentialIssuer: CredentialIssuerMetadata;
  /** `GET /.well-known/oauth-authorization-server`: the issuer is its own authorization server. */
  authorizationServer: AuthorizationServerMetadata;
  /** Both, as `@openid4vc/openid4vci` takes them to parse requests and verify proofs. */
  result: IssuerMetadataResult;
  /** The library's issuer, on our node:crypto callbacks. */
  issuer: Openid4vciIssuer;
  /** The library's authorization server, on the same callbacks. */
  authorizationServerApi: Oauth2AuthorizationServer;
}

// The badges issued as ldp_vc and vc+jwt are VCDM 2.0 (buildBadgeCredentialV2).
const vcdm2Contexts = [vcContextV2, openBadgesContextV3];

// OpenID4VCI 1.0 Appendix A.1: JWS algorithm names for the JWT formats, Data Integrity
// cryptosuites for ldp_vc.
const signingAlgorithmsOf: Record<IssuedFormat, string[]> = {
  jwt_vc_json: ['EdDSA'],
  ldp_vc: ['eddsa-rdfc-2022'],
  'vc+jwt': ['EdDSA'],
};

function credentialConfiguration(
  ctx: Pick<IssuerContext, 'baseUrl'>,
  badge: Badge,
  format: IssuedFormat,
): Record<string, unknown> {
  const type = ['VerifiableCredential', 'OpenBadgeCredential'];
  return {
    format,
    // Appendix A.1.1.2 (jwt_vc_json): type only; A.1.3.2 (ldp_vc): @context and type.
    credential_definition:
      format === 'jwt_vc_json' ? { type } : { '@context': vcdm2Contexts, type },
    cryptographic_binding_methods_supported: ['did:key', 'jwk'],
    credential_signing_alg_values_supported: signingAlgorithmsOf[format],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA'] } },
    // §12.2.4: display belongs in credential_metadata (1.0 final).
    credential_metadata: {
      display: [
        {
          name: badge.name,
          description: badge.description,
          locale: 'en',
          logo: { uri: badgeImageUrl(ctx.baseUrl, badge.id), alt_text: `${badge.name} badge` },
        },
      ],
    },
  };
}

const built = new WeakMap<object, Oid4vciIssuerMetadata>();

/**
 * The issuer's OpenID4VCI metadata, checked by `@openid4vc`'s schemas: the credential issuer
 * (`credential_issuer` = the base URL; one configuration per badge and offered format, ids
 * `<badgeId>.<format>`) and its own OAuth authorization server (pre-authorized code, anonymous
 * access). Built once per context: the catalogue does not change while the issuer runs.
 *
 * @throws ValidationError (from `@openid4vc/utils`) when the schema refuses it: a catalogue or
 * base URL it can't describe.
 * @example
 * ```ts
 * const { credentialIssuer } = oid4vciIssuerMetadata(ctx);
 * res.json(credentialIssuer);
 * ```
 */
export function oid4vciIssuerMetadata(
  ctx: Pick<IssuerContext, 'baseUrl' | 'catalog' | 'profile'>,
): Oid4vciIssuerMetadata {
  const cached = built.get(ctx);
  if (cached) return cached;
  const callbacks = oid4vciCallbacks();
  const issuer = new Openid4vciIssuer({ callbacks });
  const authorizationServerApi = new Oauth2AuthorizationServer({ callbacks });
  const base = ctx.baseUrl;
  const configurations: Record<string, Record<string, unknown>> = {};
  for (const badge of ctx.catalog.badges) {
    for (const format of offeredFormats(badge)) {
      configurations[credentialConfigurationId(badge.id, format)] = credentialConfiguration(
        ctx,
        badge,
        format,
      );
    }
  }
  const credentialIssuer = issuer.createCredentialIssuerMetadata({
    credential_issuer: base,
    credential_endpoint: `${base}${oid4vciPaths.credential}`,
    nonce_endpoint: `${base}${oid4vciPaths.nonce}`,
    display: [
      {
        name: ctx.profile.name,
        locale: 'en',
        logo: { uri: `${base}${oid4vciPaths.logo}`, alt_text: ctx.profile.name },
      },
    ],
    credential_configurations_supported:
      configurations as CredentialIssuerMetadata['credential_configurations_supported'],
  });
  const authorizationServer = authorizationServerApi.createAuthorizationServerMetadata({
    issuer: base,
    token_endpoint: `${base}${oid4vciPaths.token}`,
    grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
    'pre-authorized_grant_anonymous_access_supported': true,
  });
  const metadata: Oid4vciIssuerMetadata = {
    credentialIssuer,
    authorizationServer,
    result: {
      originalDraftVersion: Openid4vciVersion.V1,
      credentialIssuer,
      authorizationServers: [authorizationServer],
      knownCredentialConfigurations:
        issuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
    },
    issuer,
    authorizationServerApi,
  };
  built.set(ctx, metadata);
  return metadata;
}
