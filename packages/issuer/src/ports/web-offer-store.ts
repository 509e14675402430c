/**
 * The credential offer shown to a web learner for a passed attempt: kept so that the result page
 * shows the same offer (and transaction code) on every reload until it expires.
 */
export interface WebOfferRecord {
  attemptId: string;
  offerId: string;
  /** `openid-credential-offer://?credential_offer_uri=…` */
  offerUri: string;
  /** The transaction code the learner types into the wallet, or `null`. */
  txCode: string | null;
  expiresAt: string;
  createdAt: string;
}

/** Where the web pages keep the offers they showed. */
export interface WebOfferStore {
  /** The offer shown for an attempt, if any. */
  findOffer(attemptId: string): Promise<WebOfferRecord | undefined>;
  /**
   * Stores the offer for its attempt unless one that is unexpired at `now` is stored already
   * (another request's, made at the same moment), and returns the one stored.
   */
  saveOffer(record: WebOfferRecord, now: string): Promise<WebOfferRecord>;
}
