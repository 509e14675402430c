import { createHash } from 'node:crypto';
import {
  decodeJwt,
  isJsonObject,
  isSkillproofError,
  SkillproofError,
  verifyEd25519,
} from '@skillproof/core';
import { setGlobalConfig, type CallbackContext } from '@openid4vc/oauth2';
import { resolveOpenid4vpAuthorizationRequest } from '@openid4vc/openid4vp';
import type { DidResolver } from '@skillproof/verifier';
import { fetchBounded, type FetchLike } from '../net/fetch-bounded.js';
import { checkSecureUrl } from '../net/secure-fetch.js';
import { printable } from '../terminal/output.js';
import type { Openid4vpLink } from './read-openid4vp-link.js';

/** A presentation request the wallet has checked and may answer. */
export interface Openid4vpRequest {
  /** The full client identifier, prefix included: the audience of the presentation. */
  clientId: string;
  /** How the verifier is identified: by a DID that signed the request, or (development) not. */
  prefix: 'decentralized_identifier' | 'redirect_uri';
  nonce: string;
  state: string | undefined;
  /** Where the answer is posted (`direct_post`), already checked. */
  responseUri: string;
  /** The DCQL query as the request carries it, not yet parsed. */
  dcqlQuery: unknown;
  /** `client_metadata.client_name`: whatever the verifier calls itself, unverified. */
  clientName: string | null;
  /** The request object's `exp`, when it is signed. */
  expiresAt: string | null;
  /**
   * For `direct_post.jwt` (OpenID4VP 1.0 §8.3): the verifier's key the answer is encrypted to
   * (`ECDH-ES`, P-256) and the content encryption to use; null for `direct_post`.
   */
  encryption: ResponseEncryption | null;
}

/** How a `direct_post.jwt` answer is encrypted. */
export interface ResponseEncryption {
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid?: string };
  enc: 'A128GCM' | 'A256GCM';
}

/** The content encryptions the wallet makes, most preferred first. */
const encValues = ['A128GCM', 'A256GCM'] as const;

/**
 * The key and content encryption of a `direct_post.jwt` request (OpenID4VP 1.0 §8.3): a P-256
 * key for `ECDH-ES` in `client_metadata.jwks` (the first one marked for encryption, or unmarked),
 * and an `enc` from `encrypted_response_enc_values_supported` (A128GCM when it names none).
 */
function responseEncryptionOf(metadata: unknown): ResponseEncryption {
  const jwks = isJsonObject(metadata) ? metadata['jwks'] : undefined;
  const keys = isJsonObject(jwks) && Array.isArray(jwks['keys']) ? jwks['keys'] : [];
  const jwk = keys.find(
    (key: unknown): key is Record<string, unknown> =>
      isJsonObject(key) &&
      key['kty'] === 'EC' &&
      key['crv'] === 'P-256' &&
      typeof key['x'] === 'string' &&
      typeof key['y'] === 'string' &&
      (key['use'] === undefined || key['use'] === 'enc') &&
      (key['alg'] === undefined || key['alg'] === 'ECDH-ES'),
  );
  if (!jwk) {
    throw refused(
      'it asks for an encrypted answer but names no P-256 key for ECDH-ES to encrypt to',
    );
  }
  const offered = isJsonObject(metadata)
    ? metadata['encrypted_response_enc_values_supported']
    : undefined;
  const enc = Array.isArray(offered)
    ? encValues.find((value) => offered.includes(value))
    : 'A128GCM';
  if (enc === undefined) {
    throw refused(
      `it asks for an encryption this wallet does not make (only ${encValues.join(', ')})`,
    );
  }
  return {
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: jwk['x'] as string,
      y: jwk['y'] as string,
      ...(typeof jwk['kid'] === 'string' ? { kid: jwk['kid'] } : {}),
    },
    enc,
  };
}

/** What {@link resolveOpenid4vpRequest} needs. */
export interface ResolveOpenid4vpRequestOptions {
  fetch: FetchLike;
  /** Resolves the verifier's DID: did:key locally, did:web through the hardened fetch. */
  dids: DidResolver;
  now: Date;
  /** Accept the unsigned `redirect_uri:` prefix (development only). */
  allowUnsigned?: boolean;
}

/** Far above any request object (a DCQL query of a few dozen credential queries). */
export const maxRequestObjectBytes = 256 * 1024;

function refused(why: string): SkillproofError {
  return new SkillproofError(
    'VALIDATION_FAILED',
    `the presentation request was refused: ${why}; nothing was sent`,
  );
}

/**
 * The library's `verifyJwt` callback for the `decentralized_identifier` prefix: the key the
 * header's `kid` names, found in the verifier's DID document under `authentication` or
 * `assertionMethod`, must have made the Ed25519 signature.
 */
function didSignatureCheck(dids: DidResolver): CallbackContext['verifyJwt'] {
  return async (signer, { header, compact }) => {
    if (signer.method !== 'did') throw refused('it is not signed by a DID');
    if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') {
      throw refused(`it is signed with ${printable(String(header.alg))}; only EdDSA is accepted`);
    }
    let resolution = await dids.resolveKey(signer.didUrl, 'authentication');
    if (!resolution.ok) resolution = await dids.resolveKey(signer.didUrl, 'assertionMethod');
    if (!resolution.ok) {
      throw refused(
        `the key ${printable(signer.didUrl)} could not be found (${resolution.code}: ${printable(resolution.message)})`,
      );
    }
    const { signingInput, signature } = decodeJwt(compact);
    const verified = verifyEd25519(Buffer.from(signingInput), signature, resolution.key.publicKey);
    if (!verified) throw refused(`its signature does not verify with ${printable(signer.didUrl)}`);
    const { kty, crv, x } = resolution.key.publicKey.export({ format: 'jwk' });
    return { verified: true, signerJwk: { kty: kty as string, crv, x } };
  };
}

/** The first `SkillproofError` in an error's causes, or the library's own words. */
function explainLibraryError(error: unknown): never {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if (isSkillproofError(cause)) throw cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  const response = (error as { errorResponse?: { error?: unknown; error_description?: unknown } })
    .errorResponse;
  const description =
    typeof response?.error_description === 'string'
      ? response.error_description
      : error instanceof Error
        ? (error.message.split('\n')[0] ?? '')
        : String(error);
  // The library checks `exp` itself, against the system clock, before the wallet can.
  if (description.includes("'exp' is in the past")) throw refused('it has expired');
  throw refused(printable(description.slice(0, 300)));
}

/** Fetches the request object by reference: hardened, bounded, no redirects. */
async function fetchRequestObject(fetcher: FetchLike, requestUri: string): Promise<string> {
  const { response, text } = await fetchBounded(
    fetcher,
    requestUri,
    {
      method: 'GET',
      headers: { accept: 'application/oauth-authz-req+jwt, application/jwt;q=0.9' },
    },
    { timeoutMs: 15_000, maxBytes: maxRequestObjectBytes },
  );
  if (!response.ok) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${new URL(requestUri).origin} did not give the request (HTTP ${response.status}); it may have expired or been used. Nothing was sent`,
    );
  }
  return text.trim();
}

/**
 * An unsigned request object (`alg: none`) read as the plain request it stands for: OpenID4VP
 * 1.0 §5.9.3 has `redirect_uri:` requests unsigned, and the library reads those only as
 * parameters.
 */
function unsignedParameters(requestObject: string): Record<string, unknown> | undefined {
  try {
    const { header, payload, signature } = decodeJwt(requestObject);
    return header['alg'] === 'none' && signature.length === 0 ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fetches and checks an OpenID4VP 1.0 authorization request before anything is shown or sent:
 * the request object (fetched by `request_uri` with the hardened fetch, or given by value) must
 * be a JWS by the DID its `decentralized_identifier:` client id names, with the key its `kid`
 * names (§5.9.3), carry the link's `client_id` (§5.10), not be expired, and ask for a
 * `vp_token` by `direct_post` (or `direct_post.jwt`, with a key to encrypt to) to an https
 * `response_uri` with a `nonce` and a `dcql_query`. An
 * unsigned `redirect_uri:` request is accepted only with `allowUnsigned`, and then its
 * `response_uri` must be the client id's URI. The library (`@openid4vc/openid4vp`) checks the
 * JAR rules; the wallet adds the rest.
 *
 * @throws SkillproofError `VALIDATION_FAILED` naming what was refused, `UPSTREAM_FAILED` when
 * the request could not be fetched. Nothing is ever posted.
 * @example
 * ```ts
 * const request = await resolveOpenid4vpRequest(readOpenid4vpLink(link), { fetch, dids, now: new Date() });
 * ```
 */
export async function resolveOpenid4vpRequest(
  link: Openid4vpLink,
  options: ResolveOpenid4vpRequestOptions,
): Promise<Openid4vpRequest> {
  const prefix = link.clientId.slice(0, link.clientId.indexOf(':'));
  if (prefix !== 'decentralized_identifier' && prefix !== 'redirect_uri') {
    throw refused(
      `the verifier's client id ${printable(link.clientId.slice(0, 200))} uses a prefix this wallet does not accept (only decentralized_identifier:, and redirect_uri: with --allow-unsigned)`,
    );
  }
  if (prefix === 'redirect_uri' && !options.allowUnsigned) {
    throw refused(
      'it is unsigned (client id prefix redirect_uri:), so nothing says who is asking; add --allow-unsigned only for a verifier you run yourself in development',
    );
  }
  const requestObject =
    link.request ??
    (link.requestUri === undefined
      ? undefined
      : await fetchRequestObject(options.fetch, link.requestUri));
  const unsigned =
    requestObject === undefined ? link.parameters : unsignedParameters(requestObject);
  if (prefix === 'decentralized_identifier' && unsigned !== undefined) {
    throw refused('a decentralized_identifier: request must be signed, and this one is not');
  }
  if (unsigned !== undefined && unsigned['client_id'] !== link.clientId) {
    throw refused("the request's client_id is not the one of the link");
  }
  // The wallet's own checks decide which URLs are fetched or posted to (https, or http to this
  // machine only); the library's blanket https rule would forbid local development.
  setGlobalConfig({ allowInsecureUrls: true });
  const resolved = await resolveOpenid4vpAuthorizationRequest({
    authorizationRequestPayload: (unsigned ?? {
      client_id: link.clientId,
      request: requestObject,
    }) as Parameters<typeof resolveOpenid4vpAuthorizationRequest>[0]['authorizationRequestPayload'],
    callbacks: {
      fetch: () => {
        throw refused('it asks the wallet to fetch more (client_metadata_uri or the like)');
      },
      decryptJwe: () => {
        throw refused('it is encrypted, which this wallet does not read');
      },
      hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '')).update(data).digest()),
      verifyJwt: didSignatureCheck(options.dids),
    },
  }).catch(explainLibraryError);
  const payload = resolved.authorizationRequestPayload as Record<string, unknown>;
  if (resolved.client.prefix !== prefix) throw refused('its client id prefix changed on the way');
  if (payload['response_type'] !== 'vp_token') {
    throw refused(`it asks for ${printable(String(payload['response_type']))}, not a vp_token`);
  }
  const responseMode = payload['response_mode'];
  if (responseMode !== 'direct_post' && responseMode !== 'direct_post.jwt') {
    throw refused(
      `it asks for response mode ${printable(String(responseMode ?? 'fragment'))}; this wallet answers by direct_post and direct_post.jwt only`,
    );
  }
  const responseUri = payload['response_uri'];
  if (typeof responseUri !== 'string') throw refused('it names no response_uri');
  checkSecureUrl(responseUri, 'the response address (response_uri)');
  if (prefix === 'redirect_uri' && responseUri !== link.clientId.slice('redirect_uri:'.length)) {
    throw refused("its response_uri is not the client id's URI");
  }
  const nonce = payload['nonce'];
  if (typeof nonce !== 'string' || nonce === '') throw refused('it carries no nonce');
  if (payload['dcql_query'] === undefined) {
    throw refused('it carries no dcql_query (Presentation Exchange requests are not answered)');
  }
  const exp = resolved.jar?.jwt.payload.exp;
  if (resolved.jar !== undefined) {
    // RFC 9101 §10.2 and OpenID4VP §5.9.3: a signed request lives only until its exp; without
    // one it would be valid for ever.
    if (typeof exp !== 'number') throw refused('the signed request has no exp');
    if (exp * 1000 <= options.now.getTime()) {
      throw refused(`it expired at ${new Date(exp * 1000).toISOString()}`);
    }
  }
  const metadata = payload['client_metadata'];
  const encryption = responseMode === 'direct_post.jwt' ? responseEncryptionOf(metadata) : null;
  const clientName = isJsonObject(metadata) ? metadata['client_name'] : undefined;
  const state = payload['state'];
  return {
    clientId: link.clientId,
    prefix,
    nonce,
    state: typeof state === 'string' ? state : undefined,
    responseUri,
    dcqlQuery: payload['dcql_query'],
    clientName: typeof clientName === 'string' ? clientName : null,
    expiresAt: typeof exp === 'number' ? new Date(exp * 1000).toISOString() : null,
    encryption,
  };
}
