import type {
  CreateCredentialOfferOptions,
  CredentialOfferResult,
} from '../oid4vci/create-credential-offer.js';
import type { AttemptRecord } from '../ports/issuer-store.js';
import type { WebOfferRecord, WebOfferStore } from '../ports/web-offer-store.js';

/** What {@link webCredentialOffer} works with. */
export interface WebCredentialOfferDeps {
  offers: WebOfferStore;
  /** Makes an OpenID4VCI offer (`createCredentialOffer` on the issuer's context). */
  createOffer(options: CreateCredentialOfferOptions): Promise<CredentialOfferResult>;
  /** Whether offers ask for a transaction code (`ISSUER_OFFER_TX_CODE`). */
  txCode: boolean;
  now: () => Date;
}

/** The offer to show for a passed web attempt, or `collected` once a wallet took the credential. */
export type WebOfferOutcome =
  { kind: 'offered'; offer: WebOfferRecord } | { kind: 'collected'; credentialId: string };

/**
 * The credential offer of a passed web attempt: the one shown before while it is unexpired (so
 * a reload shows the same QR code and transaction code), else a new one, single-use and
 * expiring, for a credential to whichever key the learner's wallet proves (`subjectDid: null`).
 * Once a wallet has collected the credential (the attempt names it), no offer is made again.
 *
 * @throws TypeError when the attempt has not passed (a caller's mistake).
 * @throws what `createOffer` throws (nothing is stored then).
 * @example
 * ```ts
 * const outcome = await webCredentialOffer(deps, attempt);
 * if (outcome.kind === 'offered') showQrCode(outcome.offer.offerUri);
 * ```
 */
export async function webCredentialOffer(
  deps: WebCredentialOfferDeps,
  attempt: AttemptRecord,
): Promise<WebOfferOutcome> {
  if (attempt.passed !== true) {
    throw new TypeError(`webCredentialOffer: attempt ${attempt.id} has not passed`);
  }
  if (attempt.credentialId !== null)
    return { kind: 'collected', credentialId: attempt.credentialId };
  const now = deps.now().toISOString();
  const shown = await deps.offers.findOffer(attempt.id);
  if (shown && shown.expiresAt > now) return { kind: 'offered', offer: shown };
  const created = await deps.createOffer({
    badgeId: attempt.badge,
    attemptId: attempt.id,
    subjectDid: null,
    txCode: deps.txCode,
  });
  const offer = await deps.offers.saveOffer(
    {
      attemptId: attempt.id,
      offerId: created.offerId,
      offerUri: created.offerUri,
      txCode: created.txCode,
      expiresAt: created.expiresAt,
      createdAt: now,
    },
    now,
  );
  return { kind: 'offered', offer };
}
