import type { IssuedFormat, JwtVerifiableCredential, W3cCredential } from '@skillproof/core';
import type { StatusAllocation, StatusPurpose } from './status-list-store.js';

/** A DID-auth challenge handed to a learner. */
export interface AuthChallengeRecord {
  challenge: string;
  did: string;
  createdAt: string;
  expiresAt: string;
  consumedAt: string | null;
}

/** A learner's session, found by the hash of its bearer token. */
export interface SessionRecord {
  tokenHash: string;
  did: string;
  createdAt: string;
  expiresAt: string;
}

/** One try at a badge's micro-test. */
export interface AttemptRecord {
  id: string;
  did: string;
  badge: string;
  /** 1, 2, … per learner and badge. */
  attemptNumber: number;
  createdAt: string;
  expiresAt: string;
  gradedAt: string | null;
  score: number | null;
  correct: number | null;
  total: number | null;
  passed: boolean | null;
  credentialId: string | null;
}

// How a credential is secured: declared once, in core, as the catalogue publishes it.
export type { IssuedFormat };

/** A credential this issuer signed as a VCDM 1.1 JWT. */
export interface IssuedCredentialRecord {
  id: string;
  subjectDid: string | null;
  achievementId: string | null;
  /** The attempt that earned it; `null` when issued through the VC-API. */
  attemptId: string | null;
  format: 'jwt_vc_json';
  jwt: string;
  credential: JwtVerifiableCredential;
  issuedAt: string;
}

/**
 * A credential this issuer signed in a VCDM 2.0 format: `ldp_vc` (the document with its Data
 * Integrity proof; `jwt` null) or `vc+jwt` (`jwt` the compact JWS, `credential` its
 * `EnvelopedVerifiableCredential`).
 */
export interface IssuedFieldCredentialRecord {
  id: string;
  subjectDid: string | null;
  achievementId: string | null;
  /** The attempt that earned it; `null` when issued through the VC-API. */
  attemptId: string | null;
  format: 'ldp_vc' | 'vc+jwt';
  jwt: string | null;
  credential: Record<string, unknown>;
  issuedAt: string;
}

/**
 * A credential reserved, with its status entries, but not signed yet: `credential` is the
 * unsigned credential, which anyone holding the issuer's key can sign and complete
 * ({@link IssuerStore.completeCredential}), after a crash too.
 */
export interface PendingCredentialRecord {
  id: string;
  subjectDid: string | null;
  achievementId: string | null;
  attemptId: string | null;
  /** Signed as this once completed. */
  format: IssuedFormat;
  /** True until it is signed. */
  pending: true;
  jwt: null;
  credential: W3cCredential;
  issuedAt: string;
}

/** A stored credential, signed (in one of the formats) or still pending (`pending: true`). */
export type CredentialRecord =
  IssuedCredentialRecord | IssuedFieldCredentialRecord | PendingCredentialRecord;

/** Whether a credential's revocation and suspension bits are set (`false` with no entry). */
export interface CredentialStatusFlags {
  revoked: boolean;
  suspended: boolean;
}

/** A learner's current badge for an achievement, earned through a micro-test, and its status. */
export type AwardRecord = CredentialRecord & CredentialStatusFlags;

/** The outcome of grading an attempt, recorded by {@link IssuerStore.recordGrade}. */
export interface AttemptGrade {
  attemptId: string;
  gradedAt: string;
  score: number;
  correct: number;
  total: number;
  passed: boolean;
  /** The answers submitted, kept for grading history: never read back, returned or logged. */
  answers?: Readonly<Record<string, string>>;
}

/**
 * A credential to reserve: the store allocates its status entries, then calls `build` with them
 * for the unsigned credential, and stores it pending, all in one transaction.
 */
export interface NewCredential {
  /** `urn:uuid:…`, or the id a VC-API client chose. */
  id: string;
  subjectDid: string | null;
  achievementId: string | null;
  issuedAt: string;
  /** How it will be signed. Default `jwt_vc_json`. */
  format?: IssuedFormat;
  /**
   * The purposes it gets status entries for (`statusPurposesFor`); default every purpose. No
   * index is spent on a purpose left out.
   */
  statusPurposes?: readonly StatusPurpose[];
  /** The unsigned credential carrying `allocations`; runs inside the transaction: no I/O. */
  build(allocations: readonly StatusAllocation[]): W3cCredential;
}

/**
 * What a pass does with the learner's award, as the domain decides it: `keep` the current one
 * (the attempt is linked to it), `withhold` (nothing awarded, nothing allocated), or `issue` a
 * new credential, which replaces the current one if there is one.
 */
export type AwardDecision =
  { kind: 'keep' } | { kind: 'withhold' } | { kind: 'issue'; credential: NewCredential };

/** A pass to award, and the rule that decides what it earns. */
export interface AwardRequest {
  subjectDid: string;
  achievementId: string;
  /**
   * Called once, inside the transaction that records the grade, with the learner's current
   * award for the achievement: synchronous, no I/O. What it returns is what happens.
   */
  decide(current: AwardRecord | undefined): AwardDecision;
}

/** What {@link IssuerStore.recordGrade} did. */
export interface RecordedGrade {
  /** The learner's award as `decide` saw it; `undefined` when there was none (or no pass). */
  current: AwardRecord | undefined;
  /** What `decide` returned; `undefined` for a grade recorded without an award request. */
  decision: AwardDecision['kind'] | undefined;
  /** The credential the attempt earned: the one kept, or the new one (pending). */
  awarded: CredentialRecord | undefined;
}

/** An OpenID4VCI credential offer, found by the hash of its id (its URL is as good as its code). */
export interface CredentialOfferRecord {
  /** SHA-256 of the offer's id: the id is the secret part of its `credential_offer_uri`. */
  idHash: string;
  badge: string;
  attemptId: string;
  /** The DID the credential must go to (a DID-auth attempt), or `null`: whichever key is proven. */
  subjectDid: string | null;
  /** The credential configurations offered, one per format. */
  configurationIds: string[];
  /** SHA-256 of the pre-authorized code. */
  codeHash: string;
  /** SHA-256 of the transaction code (salted with the code's hash), or `null` when none is asked. */
  txCodeHash: string | null;
  /** Wrong transaction codes tried so far. */
  wrongTxCodes: number;
  createdAt: string;
  expiresAt: string;
  /** When the pre-authorized code was exchanged for an access token (it is single-use). */
  tokenIssuedAt: string | null;
  /** The credential issued for the offer, once reserved. */
  credentialId: string | null;
}

/** An exchange of a pre-authorized code for an access token, for {@link IssuerStore.redeemPreAuthorizedCode}. */
export interface PreAuthorizedCodeRedemption {
  codeHash: string;
  /** The hash of the transaction code given, or `null` when none was given. */
  txCodeHash: string | null;
  now: string;
  /** Wrong transaction codes after which the offer is burned. */
  maxWrongTxCodes: number;
  /** The access token to open when the code is good. */
  accessToken: { tokenHash: string; expiresAt: string };
}

/**
 * What {@link IssuerStore.redeemPreAuthorizedCode} did: `issued` the access token, or nothing
 * because the code is `unknown`, `used`, `expired`, `burned` (too many wrong transaction codes),
 * the transaction code is missing, unexpected, or wrong (then counted).
 */
export type PreAuthorizedCodeOutcome =
  | { outcome: 'issued'; offer: CredentialOfferRecord }
  | {
      outcome: 'unknown' | 'used' | 'expired' | 'burned' | 'tx_code_missing' | 'tx_code_unexpected';
    }
  | { outcome: 'tx_code_wrong'; attemptsLeft: number };

/** An OpenID4VCI access token, by the hash under which it is stored. */
export interface AccessTokenRecord {
  tokenHash: string;
  offerIdHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A `c_nonce` handed out by the nonce endpoint, by its hash. */
export interface CNonceRecord {
  nonceHash: string;
  createdAt: string;
  expiresAt: string;
  consumedAt: string | null;
}

/** A credential to reserve for an offer, for {@link IssuerStore.reserveOfferedCredential}. */
export interface OfferedCredentialRequest {
  tokenHash: string;
  nonceHash: string;
  offerIdHash: string;
  attemptId: string;
  now: string;
  credential: NewCredential;
}

/**
 * What {@link IssuerStore.reserveOfferedCredential} did: `reserved` the credential (pending), or
 * nothing because the access token, the c_nonce or the offer was used (or expired) meanwhile.
 */
export type OfferedCredentialOutcome =
  | { outcome: 'reserved'; credential: PendingCredentialRecord }
  | { outcome: 'token_used' | 'nonce_used' | 'offer_used' };

/**
 * Where the issuer keeps its state. Every method that changes more than one row does so
 * atomically, so a crash never leaves half a write behind. Promise-based so that a networked
 * database can implement it too.
 */
export interface IssuerStore {
  /** Stores a new challenge, and forgets expired ones. */
  saveChallenge(record: Omit<AuthChallengeRecord, 'consumedAt'>): Promise<void>;
  findChallenge(challenge: string): Promise<AuthChallengeRecord | undefined>;
  /**
   * Marks the challenge used and opens the session, atomically. False (and nothing written)
   * unless the challenge exists, was issued to `session.did`, is unexpired at `now` and unused.
   */
  consumeChallengeForSession(
    challenge: string,
    now: string,
    session: SessionRecord,
  ): Promise<boolean>;
  /** The session with this token hash if it is still valid at `now`. */
  findSession(tokenHash: string, now: string): Promise<SessionRecord | undefined>;
  /**
   * Stores a new attempt.
   *
   * @throws SkillproofError `CONFLICT` when the learner already has an attempt with this number
   * at this badge (two starts at the same moment).
   */
  saveAttempt(
    record: Omit<
      AttemptRecord,
      'gradedAt' | 'score' | 'correct' | 'total' | 'passed' | 'credentialId'
    >,
  ): Promise<void>;
  findAttempt(id: string): Promise<AttemptRecord | undefined>;
  /** A learner's attempts, at one badge or at all, in the order they were started. */
  listAttempts(did: string, badge?: string): Promise<AttemptRecord[]>;
  /**
   * Records a grade and, for a pass (`award`), what it earns, in one transaction that also
   * holds the write lock: reads the learner's current award with its status, asks
   * `award.decide`, and keeps it, withholds, or allocates status entries and reserves a new
   * credential (pending, replacing the current one) before anything is signed. So whether the
   * learner holds the badge is decided once, and no status index is spent on a credential that
   * is then thrown away.
   *
   * @throws SkillproofError `CONFLICT` when the attempt was graded already (nothing written).
   */
  recordGrade(grade: AttemptGrade, award?: AwardRequest): Promise<RecordedGrade>;
  /**
   * Reserves a credential issued outside a micro-test (the VC-API): allocates its status
   * entries and stores it pending, in one transaction.
   *
   * @throws SkillproofError `CONFLICT` when a credential with this id exists (nothing written).
   */
  reserveCredential(credential: NewCredential): Promise<PendingCredentialRecord>;
  /**
   * Stores the signature of a pending credential and returns it signed. Idempotent: when it
   * was completed already (by another request or process), the stored one is returned.
   *
   * @throws SkillproofError `NOT_FOUND` when no credential has this id.
   */
  completeCredential(id: string, signed: JwtVerifiableCredential): Promise<IssuedCredentialRecord>;
  /**
   * {@link completeCredential} for a credential reserved in a VCDM 2.0 format: stores the signed
   * document (`ldp_vc`) or the JWS and its envelope (`vc+jwt`).
   *
   * @throws SkillproofError `NOT_FOUND` when no credential has this id.
   */
  completeFieldCredential(
    id: string,
    secured: { credential: Record<string, unknown>; jwt: string | null },
  ): Promise<IssuedFieldCredentialRecord>;
  /** Credentials reserved and never signed (a crash between the two), oldest first. */
  listPendingCredentials(): Promise<PendingCredentialRecord[]>;
  /**
   * The badge a learner earned for an achievement through a micro-test, if any, with its
   * status: the current one, expired, revoked, suspended, pending or not (see `awardStanding`).
   */
  findAwardedCredential(
    subjectDid: string,
    achievementId: string,
  ): Promise<AwardRecord | undefined>;
  /** The current badge a learner earned through micro-tests for each achievement. */
  listAwardedCredentials(subjectDid: string): Promise<AwardRecord[]>;
  /** The credential with this id, signed or pending. */
  findCredential(id: string): Promise<CredentialRecord | undefined>;
  /**
   * Stores a credential signed elsewhere, outside a micro-test.
   *
   * @throws SkillproofError `CONFLICT` when a credential with this id exists.
   */
  saveCredential(record: IssuedCredentialRecord): Promise<void>;
  /**
   * Stores a new OpenID4VCI credential offer.
   *
   * @throws SkillproofError `NOT_FOUND` when no attempt has its `attemptId`.
   */
  saveCredentialOffer(
    record: Omit<CredentialOfferRecord, 'wrongTxCodes' | 'tokenIssuedAt' | 'credentialId'>,
  ): Promise<void>;
  findCredentialOffer(idHash: string): Promise<CredentialOfferRecord | undefined>;
  /**
   * Exchanges a pre-authorized code for an access token, once: checks the code (known, unused,
   * unexpired, not burned) and the transaction code, counts a wrong one, marks the code used
   * and stores the access token, in one transaction holding the write lock; so of two requests
   * with one code, one gets the token.
   */
  redeemPreAuthorizedCode(request: PreAuthorizedCodeRedemption): Promise<PreAuthorizedCodeOutcome>;
  findAccessToken(tokenHash: string): Promise<AccessTokenRecord | undefined>;
  /** Stores a new c_nonce, and forgets expired ones. */
  saveCNonce(record: Omit<CNonceRecord, 'consumedAt'>): Promise<void>;
  findCNonce(nonceHash: string): Promise<CNonceRecord | undefined>;
  /**
   * Uses the access token, consumes the c_nonce, marks the offer issued, allocates status
   * entries and reserves the credential (pending; the attempt's credential when it had none),
   * in one transaction: either all of it happens or nothing (a token, nonce or offer used by
   * another request meanwhile refuses it).
   */
  reserveOfferedCredential(request: OfferedCredentialRequest): Promise<OfferedCredentialOutcome>;
}
