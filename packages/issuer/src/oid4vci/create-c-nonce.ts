import { hashToken } from '@skillproof/core';
import type { NonceResponse } from '@openid4vc/openid4vci';
import type { IssuerContext } from '../domain/issuer-context.js';
import { randomToken } from '../domain/random-token.js';
import { isoAfter } from '../domain/time.js';
import { oid4vciIssuerMetadata } from './credential-issuer-metadata.js';

/** How long a c_nonce can be put in a key proof. */
export const cNonceTtlSeconds = 300;

/**
 * The nonce endpoint (OpenID4VCI 1.0 §7): a fresh `c_nonce` (256 random bits) for a key proof,
 * stored by its hash, usable once within {@link cNonceTtlSeconds}.
 *
 * @example
 * ```ts
 * res.set('Cache-Control', 'no-store').json(await createCNonce(ctx));
 * ```
 */
export async function createCNonce(ctx: IssuerContext): Promise<NonceResponse> {
  const cNonce = randomToken();
  const now = ctx.now();
  await ctx.store.saveCNonce({
    nonceHash: hashToken(cNonce),
    createdAt: now.toISOString(),
    expiresAt: isoAfter(now, cNonceTtlSeconds * 1000),
  });
  return oid4vciIssuerMetadata(ctx).issuer.createNonceResponse({ cNonce });
}
