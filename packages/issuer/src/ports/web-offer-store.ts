/**
 * The credential offer shown to a web learner for a passed attempt, kept so that the result page
 * shows the same offer (and transaction code) on every reload until it expires. The offer URI
 * (whose offer id the pre-authorized code derives from) and the transaction code are sealed
 * under a key only the learner's cookie gives: the store holds nothing that redeems the offer.
 */
export interface WebOfferRecord {
  attemptId: string;
  /** The offer URI and transaction code, sealed for this attempt: opaque to the store. */
  sealedOffer: string;
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
