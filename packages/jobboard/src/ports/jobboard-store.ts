import type { PostedEntry } from '../paid-task-types.js';
import type { TaskLedgerStore } from './task-ledger-store.js';
import type {
  Application,
  ApplicationSummary,
  CredentialEvidence,
  EarlierDecision,
  Employer,
  Posting,
} from '../jobboard-types.js';

/**
 * A posting as stored: everything but its DCQL query, which is derived from its requirements
 * when read (`publishedPosting`), so postings stored before DCQL carry one too.
 */
export type StoredPosting = Omit<Posting, 'dcql_query'>;

/** A new employer and the hash of its bearer token (the token itself is never stored). */
export interface EmployerRecord extends Employer {
  tokenHash: string;
  /** scrypt hash of its web password (see `hashPassword`); absent for an API-only employer. */
  passwordHash?: string;
  /** Its password is a one-time password: the web pages ask for a new one first. */
  passwordChangeRequired?: boolean;
}

/** An employer that signs in to the web pages, found by its email. */
export interface EmployerAccount {
  employer: Employer;
  passwordHash: string | undefined;
  passwordChangeRequired: boolean;
}

/** A web session; the cookie value itself is never stored, only its SHA-256. */
export interface EmployerSessionRecord {
  tokenHash: string;
  employerId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** A nonce handed out in a presentation request. */
export interface PresentationNonceRecord {
  nonce: string;
  postingId: string;
  createdAt: string;
  expiresAt: string;
}

/** An OpenID4VP request as created (its nonce is a presentation nonce too). */
export interface Openid4vpRequestRecord {
  id: string;
  postingId: string;
  nonce: string;
  state: string;
  createdAt: string;
  expiresAt: string;
}

/** An OpenID4VP request as stored, with its outcome once answered. */
export interface StoredOpenid4vpRequest extends Openid4vpRequestRecord {
  consumedAt?: string;
  applicationId?: string;
  qualified?: boolean;
}

/** A decided application, the presentation it was decided on and the nonce it answered. */
export interface ApplicationRecord extends Application {
  /** The name the applicant shared, if any (see `ApplicationSummary.holderName`). */
  holderName?: string;
  presentationJwt: string;
  nonce: string;
  /** Each presented credential's JWT and verification result. */
  evidence: CredentialEvidence[];
}

/**
 * A person's current application to a posting, with the evidence it was decided on and the
 * decisions on their earlier applications it replaced, newest first.
 */
export interface StoredApplication extends ApplicationSummary {
  presentationJwt: string;
  evidence: CredentialEvidence[];
  history: EarlierDecision[];
}

/**
 * Everything the job board keeps. Asynchronous so that a PostgreSQL adapter can stand in for
 * SQLite; every method that writes is atomic on its own.
 */
export interface JobboardStore extends TaskLedgerStore {
  insertEmployer(employer: EmployerRecord): Promise<void>;
  findEmployerByTokenHash(tokenHash: string): Promise<Employer | undefined>;
  findEmployer(id: string): Promise<Employer | undefined>;
  findEmployerAccountByEmail(email: string): Promise<EmployerAccount | undefined>;
  /** Replaces an employer's password hash and clears its one-time-password flag. */
  setEmployerPassword(employerId: string, passwordHash: string): Promise<void>;
  insertEmployerSession(session: EmployerSessionRecord): Promise<void>;
  /** The unexpired session with this token hash at `now`, with its employer. */
  findEmployerSession(
    tokenHash: string,
    now: string,
  ): Promise<
    (EmployerSessionRecord & { employer: Employer; passwordChangeRequired: boolean }) | undefined
  >;
  deleteEmployerSession(tokenHash: string): Promise<void>;
  /** Ends every session of an employer except the one with `keepTokenHash` (password change). */
  deleteOtherEmployerSessions(employerId: string, keepTokenHash: string): Promise<number>;
  /** Forgets sessions that expired before `now`. */
  deleteExpiredEmployerSessions(now: string): Promise<number>;
  /**
   * Stores a posting; with `taskEntry` (its `posted` ledger entry, task id = posting id) the
   * posting is a paid task, and both are written in one transaction.
   */
  insertPosting(posting: StoredPosting, taskEntry?: PostedEntry): Promise<void>;
  findPosting(id: string): Promise<StoredPosting | undefined>;
  /** All postings, newest first. */
  listPostings(): Promise<StoredPosting[]>;
  insertPresentationNonce(record: PresentationNonceRecord): Promise<void>;
  /**
   * Marks `nonce` used, and says whether it was: only a nonce that exists, was issued for
   * `postingId`, has not expired at `now` and was never used before. Atomic, so two
   * concurrent submissions of one nonce can't both win.
   */
  consumePresentationNonce(nonce: string, postingId: string, now: string): Promise<boolean>;
  /** Whether `nonce` would be consumed now: issued for `postingId`, unexpired, unused. */
  isPresentationNonceOpen(nonce: string, postingId: string, now: string): Promise<boolean>;
  /** Forgets nonces that expired before `now`: they can never be consumed again anyway. */
  deleteExpiredPresentationNonces(now: string): Promise<number>;
  /**
   * Consumes the application's nonce (as {@link consumePresentationNonce} at `now`) and stores
   * the application, replacing its holder's current application to the posting (kept as
   * history), in one transaction: true when all happened, false (nothing written) when the
   * nonce was not open, so exactly one application can answer a presentation request.
   */
  insertApplication(application: ApplicationRecord, now: string): Promise<boolean>;
  /**
   * Stores an OpenID4VP request and its nonce (as {@link insertPresentationNonce}), together.
   */
  insertOpenid4vpRequest(request: Openid4vpRequestRecord): Promise<void>;
  findOpenid4vpRequest(id: string): Promise<StoredOpenid4vpRequest | undefined>;
  /**
   * {@link insertApplication} for the answer to OpenID4VP request `requestId`: in the same
   * transaction the request is marked answered (only if unanswered and unexpired at `now`) with
   * the application and its decision. False, with nothing written, when either was not open.
   */
  insertOpenid4vpApplication(
    requestId: string,
    application: ApplicationRecord,
    now: string,
  ): Promise<boolean>;
  /** Each person's current application to one posting, oldest first: one per holder. */
  listApplications(postingId: string): Promise<StoredApplication[]>;
  /**
   * The current application of the person who made application `id` to the posting (itself,
   * unless a later one replaced it).
   */
  findApplication(postingId: string, id: string): Promise<StoredApplication | undefined>;
}
