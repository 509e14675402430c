import { decodeJwt, hashToken, isJsonObject } from '@skillproof/core';
import { Oauth2ErrorCodes, type Jwk } from '@openid4vc/oauth2';
import type { IssuerContext } from '../domain/issuer-context.js';
import { oid4vciIssuerMetadata } from './credential-issuer-metadata.js';
import { ed25519PublicKeyOfJwk, ed25519SignerOf } from './oid4vci-callbacks.js';
import { refuseOauth } from './refuse-oauth.js';

/** How old a key proof's `iat` may be, and how far ahead of our clock. */
export const proofMaxAgeSeconds = 300;
export const proofMaxSkewSeconds = 60;

/** What a verified key proof proves: the holder's key as did:key, and the nonce it spends. */
export interface VerifiedKeyProof {
  did: string;
  nonceHash: string;
}

/**
 * Verifies a `jwt` key proof (OpenID4VCI 1.0 §8.2.1.1, Appendix F.1) by `@openid4vc/openid4vci`
 * (signature, `aud` = the credential issuer, `nonce`) and our own rules before it: `typ`
 * `openid4vci-proof+jwt`, `alg` EdDSA only, the key an Ed25519 `did:key` in `kid` or an Ed25519
 * `OKP` `jwk`, `iat` within {@link proofMaxAgeSeconds} (and at most
 * {@link proofMaxSkewSeconds} ahead), and the `nonce` a c_nonce this issuer handed out,
 * unexpired and unspent. The nonce is spent by the caller, in the transaction that reserves the
 * credential.
 *
 * @throws Oauth2ServerErrorResponseError `invalid_proof` for a proof that fails any of these but
 * the nonce; `invalid_nonce` for an unknown, expired or spent c_nonce.
 * @example
 * ```ts
 * const { did, nonceHash } = await verifyKeyProof(ctx, proofJwt);
 * ```
 */
export async function verifyKeyProof(
  ctx: Pick<IssuerContext, 'store' | 'baseUrl' | 'catalog' | 'profile' | 'now'>,
  jwt: string,
): Promise<VerifiedKeyProof> {
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    ({ header, payload } = decodeJwt(jwt));
  } catch {
    return refuseOauth(Oauth2ErrorCodes.InvalidProof, 'the key proof is not a JWT');
  }
  if (header['typ'] !== 'openid4vci-proof+jwt') {
    refuseOauth(Oauth2ErrorCodes.InvalidProof, 'the key proof typ must be openid4vci-proof+jwt');
  }
  if (header['alg'] !== 'EdDSA') {
    refuseOauth(Oauth2ErrorCodes.InvalidProof, 'the key proof must be signed with EdDSA (Ed25519)');
  }
  const jwk = header['jwk'];
  const kid = header['kid'];
  if (jwk !== undefined && (!isJsonObject(jwk) || !ed25519PublicKeyOfJwk(jwk as Jwk))) {
    refuseOauth(
      Oauth2ErrorCodes.InvalidProof,
      'the key proof jwk must be a public Ed25519 OKP key',
    );
  }
  if (jwk === undefined && (typeof kid !== 'string' || !kid.startsWith('did:key:'))) {
    refuseOauth(
      Oauth2ErrorCodes.InvalidProof,
      'the key proof needs a did:key kid or an Ed25519 jwk',
    );
  }
  const now = ctx.now();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const iat = payload['iat'];
  if (
    typeof iat !== 'number' ||
    iat > nowSeconds + proofMaxSkewSeconds ||
    iat < nowSeconds - proofMaxAgeSeconds
  ) {
    refuseOauth(Oauth2ErrorCodes.InvalidProof, 'the key proof iat is missing or out of its window');
  }
  const nonce = payload['nonce'];
  if (typeof nonce !== 'string') {
    refuseOauth(
      Oauth2ErrorCodes.InvalidProof,
      'the key proof has no nonce (POST the nonce endpoint)',
    );
  }
  const nonceHash = hashToken(nonce);
  const stored = await ctx.store.findCNonce(nonceHash);
  if (!stored || stored.consumedAt !== null || stored.expiresAt <= now.toISOString()) {
    refuseOauth(
      Oauth2ErrorCodes.InvalidNonce,
      'the c_nonce is unknown, expired or used: get a new one',
    );
  }
  const metadata = oid4vciIssuerMetadata(ctx);
  const { signer } = await metadata.issuer.verifyCredentialRequestJwtProof({
    issuerMetadata: metadata.result,
    jwt,
    expectedNonce: nonce,
    nonceExpiresAt: new Date(stored.expiresAt),
    now,
  });
  const key = ed25519SignerOf(signer);
  if (!key) refuseOauth(Oauth2ErrorCodes.InvalidProof, 'the key proof key is not an Ed25519 key');
  return { did: key.did, nonceHash };
}
