import { SkillproofError } from '@skillproof/core';
import type { IssuedFormat } from '../ports/issuer-store.js';
import type { IssuerContext } from '../domain/issuer-context.js';

/** Input of {@link createCredentialOffer}. */
export interface CreateCredentialOfferOptions {
  /** The badge offered (catalogue id). */
  badgeId: string;
  /** The passed attempt that earns it; its `credentialId` is set when the credential is issued. */
  attemptId: string;
  /**
   * The learner the credential must go to (a DID-auth attempt): the wallet's key proof must be
   * this DID's. `null` for a web attempt: the credential goes to whichever key the wallet proves.
   */
  subjectDid: string | null;
  /** The formats offered (one credential configuration each); default every format the badge offers. */
  formats?: readonly IssuedFormat[];
  /** Ask for a transaction code (shown to the learner beside the offer, never inside it). */
  txCode?: boolean;
}

/** An OpenID4VCI credential offer with a pre-authorized code. */
export interface CredentialOfferResult {
  offerId: string;
  /** `openid-credential-offer://?credential_offer_uri=…` (the offer by reference). */
  offerUri: string;
  /** `<baseUrl>/oid4vci/offers/<id>`: where a wallet fetches the offer object. */
  credentialOfferUri: string;
  /** The offer object itself (`credential_issuer`, `credential_configuration_ids`, `grants`). */
  credentialOffer: Record<string, unknown>;
  /** The transaction code the learner types into the wallet, or `null` when none is asked. */
  txCode: string | null;
  /** When the pre-authorized code stops working. */
  expiresAt: string;
}

/**
 * Creates a single-use, expiring credential offer for a passed attempt.
 * (Interface fixed for the web pages; implemented with the OpenID4VCI endpoints.)
 */
export function createCredentialOffer(
  _ctx: IssuerContext,
  _options: CreateCredentialOfferOptions,
): Promise<CredentialOfferResult> {
  return Promise.reject(new SkillproofError('INTERNAL', 'OpenID4VCI offers are not built yet'));
}
