import { hashToken, SkillproofError } from '@skillproof/core';
import type { IssuerContext } from '../domain/issuer-context.js';
import { credentialOfferObject } from './credential-offer-object.js';
import { maxWrongTxCodes } from './exchange-pre-authorized-code.js';

/**
 * The offer object a wallet fetches from `credential_offer_uri` (OpenID4VCI 1.0 §4.1.3), while
 * its pre-authorized code can still be redeemed.
 *
 * @throws SkillproofError `NOT_FOUND` when the offer is unknown, expired, burned or redeemed.
 * @example
 * ```ts
 * res.json(await findCredentialOffer(ctx, req.params.id));
 * ```
 */
export async function findCredentialOffer(
  ctx: IssuerContext,
  offerId: string,
): Promise<Record<string, unknown>> {
  const record = await ctx.store.findCredentialOffer(hashToken(offerId));
  if (
    !record ||
    record.tokenIssuedAt !== null ||
    record.wrongTxCodes >= maxWrongTxCodes ||
    record.expiresAt <= ctx.now().toISOString()
  ) {
    throw new SkillproofError('NOT_FOUND', 'no such credential offer, or it expired or was used');
  }
  return (await credentialOfferObject(ctx, offerId, record)).credentialOffer;
}
