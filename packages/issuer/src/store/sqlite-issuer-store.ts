import { SkillproofError, type JwtVerifiableCredential } from '@skillproof/core';
import { migrate, type SqliteDatabase } from '@skillproof/server/sqlite';
import type {
  AttemptGrade,
  AttemptRecord,
  AuthChallengeRecord,
  IssuedCredentialRecord,
  IssuerStore,
  SessionRecord,
} from '../ports/issuer-store.js';
import { credentialExpired } from '../domain/credential-expired.js';
import { issuerMigrations } from './issuer-migrations.js';

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
