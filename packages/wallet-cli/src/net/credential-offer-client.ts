import { createHash, randomBytes } from 'node:crypto';
import { isJsonObject, SkillproofError } from '@skillproof/core';
import {
  clientAuthenticationAnonymous,
  preAuthorizedCodeGrantIdentifier,
  setGlobalConfig,
  type CallbackContext,
} from '@openid4vc/oauth2';
import {
  Openid4vciClient,
  Openid4vciVersion,
  type CredentialOfferObject,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci';
import type { CredentialFormat } from '@skillproof/verifier';
import type { LearnerKey } from '../wallet/learner-key.js';
import { printable } from '../terminal/output.js';
import { explainOpenid4vciError } from './explain-openid4vci-error.js';
import type { FetchLike } from './fetch-bounded.js';
import { checkOfferLink } from './check-offer-link.js';
import { checkSecureUrl, createSecureFetch } from './secure-fetch.js';

/** The formats the wallet can receive, verify and hold. */
const receivableFormats: ReadonlySet<string> = new Set<CredentialFormat>([
  'jwt_vc_json',
  'ldp_vc',
  'vc+jwt',
]);

/** One credential an offer offers, as its issuer's metadata describes it. */
export interface OfferedConfiguration {
  /** The `credential_configuration_id`. */
  id: string;
  /** Its `format` (absent from the metadata: `unknown`). */
  format: string;
  /** Its display name, if the metadata gives one. */
  name: string | null;
  /** The wallet can receive, verify and hold this format. */
  receivable: boolean;
}

/** The transaction code an offer asks for (OpenID4VCI 1.0 §4.1.1, `tx_code`). */
export interface TransactionCodeRequest {
  description: string | null;
  length: number | null;
  inputMode: 'numeric' | 'text';
}

/** An offer resolved with its issuer's metadata, ready to redeem. */
export interface ResolvedOffer {
  credentialIssuer: string;
  /** The issuer's display name from its metadata, if any. */
  issuerName: string | null;
  configurations: OfferedConfiguration[];
  /** Set when the pre-authorized code grant asks for a transaction code. */
  txCode: TransactionCodeRequest | null;
  offer: CredentialOfferObject;
  metadata: IssuerMetadataResult;
}

/** What {@link redeemCredentialOffer} needs besides the offer. */
export interface RedeemOfferOptions {
  /** The learner's key: the proof of possession is signed with it, `kid` its did:key method. */
  key: LearnerKey;
  configurationId: string;
  txCode?: string;
  now: Date;
}

function randomOf(byteLength: number): Uint8Array {
  return new Uint8Array(randomBytes(byteLength));
}

/**
 * The library's client with the wallet's callbacks: the hardened fetch (checked URLs, deadline,
 * size bound, no redirects), Node's hashes and randomness, no client authentication (the
 * pre-authorized code flow has none), and JWTs signed by the learner's key.
 */
function createClient(fetcher: FetchLike, key?: LearnerKey): Openid4vciClient {
  // The library checks URLs for https itself unless told otherwise; the wallet's fetch makes
  // that decision instead (https, or http to this machine only), before every request.
  setGlobalConfig({ allowInsecureUrls: true });
  const signJwt: CallbackContext['signJwt'] = (signer, { header, payload }) => {
    if (!key || signer.method !== 'did' || signer.didUrl !== key.kid) {
      throw new SkillproofError('INTERNAL', 'only the learner’s own key signs');
    }
    const typ = typeof header.typ === 'string' ? header.typ : undefined;
    return {
      jwt: key.signJwt(payload, typ === undefined ? {} : { typ }),
      signerJwk: key.publicJwk(),
    };
  };
  return new Openid4vciClient({
    callbacks: {
      fetch: createSecureFetch(fetcher),
      hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
      generateRandom: randomOf,
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt,
    },
  });
}

function displayName(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const entries = value.filter(isJsonObject);
  const english = entries.find((entry) => String(entry['locale'] ?? '').startsWith('en'));
  const name = (english ?? entries[0])?.['name'];
  return typeof name === 'string' ? name : null;
}

function offeredConfigurations(
  offer: CredentialOfferObject,
  metadata: IssuerMetadataResult,
): OfferedConfiguration[] {
  const supported = metadata.credentialIssuer.credential_configurations_supported;
  return offer.credential_configuration_ids.map((id) => {
    const configuration: unknown = Object.hasOwn(supported, id) ? supported[id] : undefined;
    const format = isJsonObject(configuration) ? String(configuration['format']) : 'unknown';
    const metadataDisplay = isJsonObject(configuration)
      ? ((isJsonObject(configuration['credential_metadata'])
          ? configuration['credential_metadata']['display']
          : undefined) ?? configuration['display'])
      : undefined;
    return {
      id,
      format,
      name: displayName(metadataDisplay),
      receivable: configuration !== undefined && receivableFormats.has(format),
    };
  });
}

/**
 * Resolves an offer link (see {@link checkOfferLink}): fetches the offer when it is by
 * reference, then the credential issuer's metadata and its authorization server's, through the
 * hardened fetch. The metadata's `credential_issuer` must be the offer's (OpenID4VCI 1.0
 * §12.2.2), and the offer must carry a pre-authorized code grant.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for a link, offer or metadata the wallet refuses;
 * `UPSTREAM_FAILED` when a service can't be reached or answers badly.
 * @example
 * ```ts
 * const resolved = await resolveCredentialOffer(fetch, link);
 * resolved.configurations.map((configuration) => configuration.format);
 * ```
 */
export async function resolveCredentialOffer(
  fetcher: FetchLike,
  link: string,
): Promise<ResolvedOffer> {
  checkOfferLink(link);
  const client = createClient(fetcher);
  const offer = await client
    .resolveCredentialOffer(link)
    .catch((error: unknown) => explainOpenid4vciError(error, 'reading the offer'));
  const credentialIssuer = offer.credential_issuer;
  checkSecureUrl(credentialIssuer, 'the offer’s credential_issuer');
  const grant = offer.grants?.[preAuthorizedCodeGrantIdentifier];
  if (!grant) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `the offer from ${printable(credentialIssuer)} has no pre-authorized code; the wallet takes pre-authorized offers only`,
    );
  }
  const metadata = await client
    .resolveIssuerMetadata(credentialIssuer)
    .catch((error: unknown) => explainOpenid4vciError(error, 'reading the issuer’s metadata'));
  // The library compares them too; this check is the wallet's own promise.
  if (metadata.credentialIssuer.credential_issuer !== credentialIssuer) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `the metadata of ${printable(credentialIssuer)} names another credential issuer (${printable(metadata.credentialIssuer.credential_issuer)}); nothing was requested`,
    );
  }
  if (metadata.originalDraftVersion === Openid4vciVersion.Draft11) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `${printable(credentialIssuer)} speaks an early draft of OpenID4VCI (draft 11); the wallet speaks OpenID4VCI 1.0`,
    );
  }
  const txCode = grant.tx_code;
  return {
    credentialIssuer,
    issuerName: displayName(metadata.credentialIssuer.display),
    configurations: offeredConfigurations(offer, metadata),
    txCode: txCode
      ? {
          description: txCode.description ?? null,
          length: txCode.length ?? null,
          inputMode: txCode.input_mode ?? 'numeric',
        }
      : null,
    offer,
    // OpenID4VCI 1.0 final: the credential request names its credential_configuration_id and
    // carries `proofs`. Issuers of drafts 13 to 15 that take it too are spoken to the same way.
    metadata: { ...metadata, originalDraftVersion: Openid4vciVersion.V1 },
  };
}

/**
 * Redeems a resolved offer (OpenID4VCI 1.0, pre-authorized code flow): the token request with
 * the pre-authorized code (and the transaction code), a fresh `c_nonce` from the nonce endpoint
 * (or the token response, from issuers without one), a key proof (`openid4vci-proof+jwt`, EdDSA,
 * `kid` the learner's did:key method, `aud` the credential issuer, `nonce`), and the credential
 * request by `credential_configuration_id` with `proofs: {jwt: [proof]}`. Returns the
 * credentials of the response (`credentials[].credential`), not verified yet, and the issuer's
 * transparency-log receipt (`transparency_receipt`, a Skillproof extension) as sent.
 *
 * @throws SkillproofError `UPSTREAM_FAILED` with the issuer's OAuth error in plain words.
 * @example
 * ```ts
 * const { credentials: [credential] } = await redeemCredentialOffer(fetch, resolved, { key, configurationId, now });
 * ```
 */
export async function redeemCredentialOffer(
  fetcher: FetchLike,
  resolved: ResolvedOffer,
  options: RedeemOfferOptions,
): Promise<{ credentials: unknown[]; transparencyReceipt?: unknown }> {
  const client = createClient(fetcher, options.key);
  const { offer, metadata } = resolved;
  const stage = (what: string) => (error: unknown) =>
    explainOpenid4vciError(error, what, { txCodeSent: options.txCode !== undefined });
  const { accessTokenResponse } = await client
    .retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata: metadata,
      ...(options.txCode === undefined ? {} : { txCode: options.txCode }),
    })
    .catch(stage('redeeming the offer'));
  const fromToken =
    typeof accessTokenResponse['c_nonce'] === 'string' ? accessTokenResponse['c_nonce'] : undefined;
  const nonce = metadata.credentialIssuer.nonce_endpoint
    ? (await client.requestNonce({ issuerMetadata: metadata }).catch(stage('asking for a nonce')))
        .c_nonce
    : fromToken;
  const { jwt: proof } = await client
    .createCredentialRequestJwtProof({
      issuerMetadata: metadata,
      credentialConfigurationId: options.configurationId,
      signer: { method: 'did', didUrl: options.key.kid, alg: 'EdDSA' },
      ...(nonce === undefined ? {} : { nonce }),
      issuedAt: options.now,
    })
    .catch(stage('signing the key proof'));
  const { credentialResponse } = await client
    .retrieveCredentials({
      issuerMetadata: metadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: options.configurationId,
      proofs: { jwt: [proof] },
    })
    .catch(stage('requesting the credential'));
  const credentials =
    // 1.0: `credentials: [{credential}]`; draft 14's batch listed credentials bare.
    credentialResponse.credentials?.map((entry: unknown) =>
      isJsonObject(entry) && 'credential' in entry && !('proof' in entry)
        ? entry['credential']
        : entry,
    ) ?? (credentialResponse.credential === undefined ? [] : [credentialResponse.credential]);
  if (credentials.length === 0) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${printable(resolved.credentialIssuer)} answered without a credential${credentialResponse.transaction_id ? ' (it defers issuance, which the wallet does not wait for)' : ''}; nothing was stored`,
    );
  }
  const receipt = (credentialResponse as Record<string, unknown>)['transparency_receipt'];
  return { credentials, ...(receipt === undefined ? {} : { transparencyReceipt: receipt }) };
}
