import type { JwtVerifiableCredential } from '@skillproof/core';

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

/** A credential this issuer signed. */
export interface IssuedCredentialRecord {
  id: string;
  subjectDid: string | null;
  achievementId: string | null;
  /** The attempt that earned it; `null` when issued through the VC-API. */
  attemptId: string | null;
  jwt: string;
  credential: JwtVerifiableCredential;
  issuedAt: string;
}

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
  /** For a pass: the credential signed for this attempt, or the learner's earlier one. */
  credential?: IssuedCredentialRecord;
}

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
   * Records a grade and, for a pass, the badge credential, atomically. If the learner already
   * holds this achievement, the earlier credential is kept and returned instead of the new one;
   * if the earlier one has expired at `gradedAt`, the new one replaces it (the old one stays
   * stored, no longer returned as the learner's badge).
   *
   * @throws SkillproofError `CONFLICT` when the attempt was graded already.
   */
  recordGrade(grade: AttemptGrade): Promise<IssuedCredentialRecord | undefined>;
  /**
   * The badge a learner earned for an achievement through a micro-test, if any: the latest one,
   * expired or not (see `heldBadge`).
   */
  findAwardedCredential(
    subjectDid: string,
    achievementId: string,
  ): Promise<IssuedCredentialRecord | undefined>;
  /** The latest badge a learner earned through micro-tests for each achievement. */
  listAwardedCredentials(subjectDid: string): Promise<IssuedCredentialRecord[]>;
  findCredential(id: string): Promise<IssuedCredentialRecord | undefined>;
  /**
   * Stores a credential issued outside a micro-test (the VC-API).
   *
   * @throws SkillproofError `CONFLICT` when a credential with this id exists.
   */
  saveCredential(record: IssuedCredentialRecord): Promise<void>;
}
