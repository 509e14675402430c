import { isSkillproofError, type Sealer } from '@skillproof/core';
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

/** The offer a web learner is shown. */
export interface ShownWebOffer {
  /** `openid-credential-offer://?credential_offer_uri=…` */
  offerUri: string;
  /** The transaction code the learner types into the wallet, or `null`. */
  txCode: string | null;
  expiresAt: string;
}

/** The offer to show for a passed web attempt, or `collected` once a wallet took the credential. */
export type WebOfferOutcome =
  { kind: 'offered'; offer: ShownWebOffer } | { kind: 'collected'; credentialId: string };

// The sealed offer is bound to its attempt (GCM's associated data): moved to another row, it
// does not open.
const purposeOf = (attemptId: string) => `issuer-web-offer:${attemptId}`;

/** The stored offer opened with the learner's sealer, or `undefined` when it does not open. */
function openOffer(sealer: Sealer, record: WebOfferRecord): ShownWebOffer | undefined {
  let opened: string;
  try {
    opened = sealer.open(record.sealedOffer, purposeOf(record.attemptId));
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'KEY_SECRET_INVALID') return undefined;
    throw error;
  }
  const { offerUri, txCode } = JSON.parse(opened) as Omit<ShownWebOffer, 'expiresAt'>;
  return { offerUri, txCode, expiresAt: record.expiresAt };
}

/**
 * The credential offer of a passed web attempt: the one shown before while it is unexpired (so
 * a reload shows the same QR code and transaction code), else a new one, single-use and
 * expiring, for a credential to whichever key the learner's wallet proves (`subjectDid: null`).
 * Once a wallet has collected the credential (the attempt names it), no offer is made again.
 *
 * The offer URI and transaction code are stored sealed with `sealer`, whose key comes from the
 * learner's cookie: only a request carrying that cookie opens them, and a stored offer that does
 * not open is no offer.
 *
 * @throws TypeError when the attempt has not passed (a caller's mistake).
 * @throws what `createOffer` throws (nothing is stored then).
 * @example
 * ```ts
 * const outcome = await webCredentialOffer(deps, attempt, learner.offerSealer);
 * if (outcome.kind === 'offered') showQrCode(outcome.offer.offerUri);
 * ```
 */
export async function webCredentialOffer(
  deps: WebCredentialOfferDeps,
  attempt: AttemptRecord,
  sealer: Sealer,
): Promise<WebOfferOutcome> {
  if (attempt.passed !== true) {
    throw new TypeError(`webCredentialOffer: attempt ${attempt.id} has not passed`);
  }
  if (attempt.credentialId !== null)
    return { kind: 'collected', credentialId: attempt.credentialId };
  const now = deps.now().toISOString();
  const stored = await deps.offers.findOffer(attempt.id);
  const shown = stored && stored.expiresAt > now ? openOffer(sealer, stored) : undefined;
  if (shown) return { kind: 'offered', offer: shown };
  const created = await deps.createOffer({
    badgeId: attempt.badge,
    attemptId: attempt.id,
    subjectDid: null,
    txCode: deps.txCode,
  });
  const kept = await deps.offers.saveOffer(
    {
      attemptId: attempt.id,
      sealedOffer: sealer.seal(
        JSON.stringify({ offerUri: created.offerUri, txCode: created.txCode }),
        purposeOf(attempt.id),
      ),
      expiresAt: created.expiresAt,
      createdAt: now,
    },
    now,
  );
  // Another request's offer, made at the same moment, when it was stored first; ours when the
  // one stored does not open.
  const offer = openOffer(sealer, kept) ?? {
    offerUri: created.offerUri,
    txCode: created.txCode,
    expiresAt: created.expiresAt,
  };
  return { kind: 'offered', offer };
}
