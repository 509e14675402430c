import { createHmac } from 'node:crypto';
import { hashToken } from '@skillproof/core';
import { preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import type { IssuerContext } from '../domain/issuer-context.js';
import type { CredentialOfferRecord } from '../ports/issuer-store.js';
import { oid4vciIssuerMetadata, oid4vciPaths } from './credential-issuer-metadata.js';

/** Digits in a transaction code. */
export const txCodeLength = 6;

/**
 * The pre-authorized code of an offer, derived from its id (HMAC-SHA256 keyed by the id): the
 * offer's URL hands the code to whoever fetches it, so the id is as secret as the code, and
 * the database keeps neither, only their hashes.
 */
export function preAuthorizedCodeOf(offerId: string): string {
  return createHmac('sha256', offerId).update('pre-authorized_code').digest('base64url');
}

/** How a transaction code is stored: hashed with its offer's code hash, so equal codes differ. */
export function txCodeHashOf(codeHash: string, txCode: string): string {
  return hashToken(`${codeHash}:${txCode}`);
}

/** `<baseUrl>/oid4vci/offers/<id>`: where a wallet fetches the offer. */
export function credentialOfferUriOf(baseUrl: string, offerId: string): string {
  return `${baseUrl}${oid4vciPaths.offers}/${offerId}`;
}

/**
 * The credential offer object (OpenID4VCI 1.0 §4.1.1) of a stored offer, built and checked by
 * `@openid4vc/openid4vci`: the issuer, the configurations offered and the pre-authorized code
 * grant, with a `tx_code` description (never the code) when one is asked; and its
 * `openid-credential-offer://` URI by reference.
 */
export async function credentialOfferObject(
  ctx: Pick<IssuerContext, 'baseUrl' | 'catalog' | 'profile'>,
  offerId: string,
  record: Pick<CredentialOfferRecord, 'configurationIds' | 'txCodeHash'>,
): Promise<{ offerUri: string; credentialOffer: Record<string, unknown> }> {
  const metadata = oid4vciIssuerMetadata(ctx);
  const { credentialOffer, credentialOfferObject: offer } =
    await metadata.issuer.createCredentialOffer({
      issuerMetadata: metadata.result,
      credentialConfigurationIds: record.configurationIds,
      credentialOfferUri: credentialOfferUriOf(ctx.baseUrl, offerId),
      grants: {
        [preAuthorizedCodeGrantIdentifier]: {
          'pre-authorized_code': preAuthorizedCodeOf(offerId),
          ...(record.txCodeHash === null
            ? {}
            : {
                tx_code: {
                  input_mode: 'numeric',
                  length: txCodeLength,
                  description: `The ${txCodeLength}-digit code shown beside the offer`,
                },
              }),
        },
      },
    });
  return { offerUri: credentialOffer, credentialOffer: offer };
}
