import { SkillproofError, type JwtVerifiableCredential } from '@skillproof/core';
import { migrate, type SqliteDatabase } from '@skillproof/server/sqlite';
import { credentialExpired } from '../domain/credential-expired.js';
import { issuerMigrations } from './issuer-migrations.js';

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

interface ChallengeRow {
  challenge: string;
  did: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

interface SessionRow {
  token_hash: string;
  did: string;
  created_at: string;
  expires_at: string;
}

interface AttemptRow {
  id: string;
  did: string;
  badge: string;
  attempt_number: number;
  created_at: string;
  expires_at: string;
  graded_at: string | null;
  score: number | null;
  correct: number | null;
  total: number | null;
  passed: number | null;
  credential_id: string | null;
}

interface CredentialRow {
  id: string;
  subject_did: string | null;
  achievement_id: string | null;
  attempt_id: string | null;
  jwt: string;
  json: string;
  issued_at: string;
}

function toChallenge(row: ChallengeRow): AuthChallengeRecord {
  return {
    challenge: row.challenge,
    did: row.did,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
  };
}

function toSession(row: SessionRow): SessionRecord {
  return {
    tokenHash: row.token_hash,
    did: row.did,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function toAttempt(row: AttemptRow): AttemptRecord {
  return {
    id: row.id,
    did: row.did,
    badge: row.badge,
    attemptNumber: row.attempt_number,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    gradedAt: row.graded_at,
    score: row.score,
    correct: row.correct,
    total: row.total,
    passed: row.passed === null ? null : row.passed === 1,
    credentialId: row.credential_id,
  };
}

function toCredential(row: CredentialRow): IssuedCredentialRecord {
  return {
    id: row.id,
    subjectDid: row.subject_did,
    achievementId: row.achievement_id,
    attemptId: row.attempt_id,
    jwt: row.jwt,
    credential: JSON.parse(row.json) as JwtVerifiableCredential,
    issuedAt: row.issued_at,
  };
}

function isPrimaryKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The SQLite {@link IssuerStore}. Runs the issuer's migrations on `db` first.
 *
 * @example
 * ```ts
 * const store = createIssuerStore(openDatabase(join(dataDir, 'issuer.db')));
 * ```
 */
export function createIssuerStore(db: SqliteDatabase): IssuerStore {
  migrate(db, 'issuer', issuerMigrations);

  const insertChallenge = db.prepare(
    `INSERT INTO issuer_auth_challenges (challenge, did, created_at, expires_at)
     VALUES (?, ?, ?, ?)`,
  );
  const pruneChallenges = db.prepare('DELETE FROM issuer_auth_challenges WHERE expires_at <= ?');
  const selectChallenge = db.prepare('SELECT * FROM issuer_auth_challenges WHERE challenge = ?');
  const consumeChallenge = db.prepare(
    `UPDATE issuer_auth_challenges SET consumed_at = ?
     WHERE challenge = ? AND did = ? AND consumed_at IS NULL AND expires_at > ?`,
  );
  const insertSession = db.prepare(
    'INSERT INTO issuer_sessions (token_hash, did, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const pruneSessions = db.prepare('DELETE FROM issuer_sessions WHERE expires_at <= ?');
  const selectSession = db.prepare(
    'SELECT * FROM issuer_sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const insertAttempt = db.prepare(
    `INSERT INTO issuer_attempts (id, did, badge, attempt_number, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // Explicit columns: the stored answers never leave the database through a read.
  const attemptColumns = `id, did, badge, attempt_number, created_at, expires_at, graded_at,
    score, correct, total, passed, credential_id`;
  const selectAttempt = db.prepare(`SELECT ${attemptColumns} FROM issuer_attempts WHERE id = ?`);
  const selectAttemptsOfLearner = db.prepare(
    `SELECT ${attemptColumns} FROM issuer_attempts WHERE did = ? ORDER BY badge, attempt_number`,
  );
  const selectAttemptsAtBadge = db.prepare(
    `SELECT ${attemptColumns} FROM issuer_attempts WHERE did = ? AND badge = ?
     ORDER BY attempt_number`,
  );
  const gradeAttempt = db.prepare(
    `UPDATE issuer_attempts SET graded_at = ?, score = ?, correct = ?, total = ?, passed = ?,
       answers_json = ?
     WHERE id = ? AND graded_at IS NULL`,
  );
  const linkCredential = db.prepare('UPDATE issuer_attempts SET credential_id = ? WHERE id = ?');
  const markRenewed = db.prepare('UPDATE issuer_credentials SET renewed_by = ? WHERE id = ?');
  const insertCredential = db.prepare(
    `INSERT INTO issuer_credentials (id, subject_did, achievement_id, attempt_id, jwt, json, issued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectCredential = db.prepare('SELECT * FROM issuer_credentials WHERE id = ?');
  const selectAward = db.prepare(
    `SELECT * FROM issuer_credentials
     WHERE subject_did = ? AND achievement_id = ? AND attempt_id IS NOT NULL
       AND renewed_by IS NULL`,
  );
  const selectAwardsOfLearner = db.prepare(
    `SELECT * FROM issuer_credentials
     WHERE subject_did = ? AND attempt_id IS NOT NULL AND renewed_by IS NULL
     ORDER BY issued_at`,
  );

  const writeCredential = (record: IssuedCredentialRecord): void => {
    try {
      insertCredential.run(
        record.id,
        record.subjectDid,
        record.achievementId,
        record.attemptId,
        record.jwt,
        JSON.stringify(record.credential),
        record.issuedAt,
      );
    } catch (error) {
      if (isPrimaryKeyViolation(error)) {
        throw new SkillproofError(
          'CONFLICT',
          `a credential with id ${record.id} was issued already`,
        );
      }
      throw error;
    }
  };

  const findAward = (subjectDid: string, achievementId: string) => {
    const row = selectAward.get(subjectDid, achievementId) as CredentialRow | undefined;
    return row && toCredential(row);
  };

  const consumeForSession = db.transaction(
    (challenge: string, now: string, session: SessionRecord): boolean => {
      if (consumeChallenge.run(now, challenge, session.did, now).changes !== 1) return false;
      pruneSessions.run(now);
      insertSession.run(session.tokenHash, session.did, session.createdAt, session.expiresAt);
      return true;
    },
  );

  const grade = db.transaction((result: AttemptGrade): IssuedCredentialRecord | undefined => {
    const changed = gradeAttempt.run(
      result.gradedAt,
      result.score,
      result.correct,
      result.total,
      result.passed ? 1 : 0,
      result.answers === undefined ? null : JSON.stringify(result.answers),
      result.attemptId,
    ).changes;
    if (changed !== 1) {
      throw new SkillproofError('CONFLICT', `attempt ${result.attemptId} was graded already`);
    }
    const { credential } = result;
    if (!credential) return undefined;
    let awarded =
      credential.subjectDid !== null && credential.achievementId !== null
        ? findAward(credential.subjectDid, credential.achievementId)
        : undefined;
    if (awarded && credentialExpired(awarded.credential, result.gradedAt)) {
      // Marked first: the unique index allows one current badge per learner and achievement.
      markRenewed.run(credential.id, awarded.id);
      awarded = undefined;
    }
    if (!awarded) {
      writeCredential(credential);
      awarded = credential;
    }
    linkCredential.run(awarded.id, result.attemptId);
    return awarded;
  });

  return {
    async saveChallenge(record) {
      pruneChallenges.run(record.createdAt);
      insertChallenge.run(record.challenge, record.did, record.createdAt, record.expiresAt);
    },
    async findChallenge(challenge) {
      const row = selectChallenge.get(challenge) as ChallengeRow | undefined;
      return row && toChallenge(row);
    },
    async consumeChallengeForSession(challenge, now, session) {
      return consumeForSession(challenge, now, session);
    },
    async findSession(tokenHash, now) {
      const row = selectSession.get(tokenHash, now) as SessionRow | undefined;
      return row && toSession(row);
    },
    async saveAttempt(record) {
      try {
        insertAttempt.run(
          record.id,
          record.did,
          record.badge,
          record.attemptNumber,
          record.createdAt,
          record.expiresAt,
        );
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new SkillproofError(
            'CONFLICT',
            `attempt ${record.attemptNumber} at ${record.badge} was started already; try again`,
          );
        }
        throw error;
      }
    },
    async findAttempt(id) {
      const row = selectAttempt.get(id) as AttemptRow | undefined;
      return row && toAttempt(row);
    },
    async listAttempts(did, badge) {
      const rows = (
        badge === undefined
          ? selectAttemptsOfLearner.all(did)
          : selectAttemptsAtBadge.all(did, badge)
      ) as AttemptRow[];
      return rows.map(toAttempt);
    },
    async listAwardedCredentials(subjectDid) {
      return (selectAwardsOfLearner.all(subjectDid) as CredentialRow[]).map(toCredential);
    },
    async recordGrade(result) {
      return grade(result);
    },
    async findAwardedCredential(subjectDid, achievementId) {
      return findAward(subjectDid, achievementId);
    },
    async findCredential(id) {
      const row = selectCredential.get(id) as CredentialRow | undefined;
      return row && toCredential(row);
    },
    async saveCredential(record) {
      writeCredential(record);
    },
  };
}
