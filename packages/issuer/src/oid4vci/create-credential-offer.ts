import { randomInt } from 'node:crypto';
import { hashToken, SkillproofError } from '@skillproof/core';
import { findBadge } from '../catalog/find-badge.js';
import type { IssuedFormat } from '../ports/issuer-store.js';
import type { IssuerContext } from '../domain/issuer-context.js';
import { randomToken } from '../domain/random-token.js';
import { isoAfter } from '../domain/time.js';
import {
  credentialOfferObject,
  credentialOfferUriOf,
  preAuthorizedCodeOf,
  txCodeHashOf,
  txCodeLength,
} from './credential-offer-object.js';
import { credentialConfigurationId, offeredFormats } from './offered-formats.js';

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

/** How long an offer stays usable when the issuer's configuration does not say. */
export const defaultOfferTtlSeconds = 600;

/**
 * Creates a single-use, expiring credential offer for a passed attempt (OpenID4VCI 1.0 §4.1):
 * one credential configuration per format, a pre-authorized code grant and, when asked, a
 * numeric transaction code returned to the caller (to show the learner) and never put in the
 * offer. The database keeps only hashes of the offer's id, its code and its transaction code.
 * The caller checks that the attempt passed and is the learner's.
 *
 * @throws SkillproofError `NOT_FOUND` when the catalogue has no such badge, or there is no
 * such attempt;
 * `VALIDATION_FAILED` when a format asked for is not offered for the badge.
 * @example
 * ```ts
 * const offer = await createCredentialOffer(ctx, { badgeId: 'git-basics', attemptId,
 *   subjectDid: did, txCode: true });
 * showQrCode(offer.offerUri, offer.txCode);
 * ```
 */
export async function createCredentialOffer(
  ctx: IssuerContext,
  options: CreateCredentialOfferOptions,
): Promise<CredentialOfferResult> {
  const badge = findBadge(ctx.catalog, options.badgeId);
  const offered = offeredFormats(badge);
  const formats = [...new Set(options.formats ?? offered)];
  const refused = formats.filter((format) => !offered.includes(format));
  if (formats.length === 0 || refused.length > 0) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `formats: ${badge.id} is offered as ${offered.join(', ')}`,
    );
  }
  const offerId = randomToken();
  const codeHash = hashToken(preAuthorizedCodeOf(offerId));
  const txCode = options.txCode
    ? String(randomInt(0, 10 ** txCodeLength)).padStart(txCodeLength, '0')
    : null;
  const now = ctx.now();
  const expiresAt = isoAfter(now, (ctx.offerTtlSeconds ?? defaultOfferTtlSeconds) * 1000);
  const record = {
    idHash: hashToken(offerId),
    badge: badge.id,
    attemptId: options.attemptId,
    subjectDid: options.subjectDid,
    configurationIds: formats.map((format) => credentialConfigurationId(badge.id, format)),
    codeHash,
    txCodeHash: txCode === null ? null : txCodeHashOf(codeHash, txCode),
    createdAt: now.toISOString(),
    expiresAt,
  };
  await ctx.store.saveCredentialOffer(record);
  const { offerUri, credentialOffer } = await credentialOfferObject(ctx, offerId, record);
  ctx.log.info('credential offer created', { badge: badge.id, attemptId: options.attemptId });
  return {
    offerId,
    offerUri,
    credentialOfferUri: credentialOfferUriOf(ctx.baseUrl, offerId),
    credentialOffer,
    txCode,
    expiresAt,
  };
}
