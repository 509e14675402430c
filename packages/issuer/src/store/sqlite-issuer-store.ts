import {
  SkillproofError,
  type JwtVerifiableCredential,
  type W3cCredential,
} from '@skillproof/core';
import { migrate, type SqliteDatabase } from '@skillproof/server/sqlite';
import type {
  AttemptGrade,
  AttemptRecord,
  AuthChallengeRecord,
  AwardRecord,
  AwardRequest,
  CredentialRecord,
  IssuedCredentialRecord,
  IssuedFieldCredentialRecord,
  IssuedFormat,
  IssuerStore,
  NewCredential,
  PendingCredentialRecord,
  RecordedGrade,
  SessionRecord,
} from '../ports/issuer-store.js';
import { issuerMigrations } from './issuer-migrations.js';
import { createCredentialOfferStore } from './sqlite-credential-offers.js';
import { createStatusIndexAllocator } from './status-index-allocator.js';
import type { TransparencyLogAppender } from './sqlite-transparency-log.js';

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
  /** The compact JWS of a JWT format, once signed. */
  jwt: string | null;
  /** The unsigned credential while pending; then the credential as it is handed out. */
  json: string;
  issued_at: string;
  format: IssuedFormat;
  /** 0 while pending. */
  signed: number;
}

type SignedRow = Omit<CredentialRow, 'jwt' | 'json' | 'format' | 'signed'>;

interface AwardRow extends CredentialRow {
  revoked: number;
  suspended: number;
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

function toCredential(row: CredentialRow): CredentialRecord {
  const common = {
    id: row.id,
    subjectDid: row.subject_did,
    achievementId: row.achievement_id,
    attemptId: row.attempt_id,
    issuedAt: row.issued_at,
  };
  if (row.signed === 0) {
    return {
      ...common,
      format: row.format,
      pending: true,
      jwt: null,
      credential: JSON.parse(row.json) as W3cCredential,
    };
  }
  if (row.format === 'jwt_vc_json') {
    return {
      ...common,
      format: row.format,
      jwt: row.jwt as string,
      credential: JSON.parse(row.json) as JwtVerifiableCredential,
    };
  }
  return {
    ...common,
    format: row.format,
    jwt: row.jwt,
    credential: JSON.parse(row.json) as Record<string, unknown>,
  };
}

function toAward(row: AwardRow): AwardRecord {
  return { ...toCredential(row), revoked: row.revoked === 1, suspended: row.suspended === 1 };
}

function toPending(row: CredentialRow): PendingCredentialRecord {
  const record = toCredential(row);
  if (!('pending' in record)) throw new Error(`credential ${row.id} is not pending`);
  return record;
}

function isPrimaryKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Options of {@link createIssuerStore}. */
export interface CreateIssuerStoreOptions {
  /**
   * The transparency log every signed credential gets its issuance entry in, in the
   * transaction that stores its signature. Without one nothing is logged (benchmarks' baseline).
   */
  transparencyLog?: TransparencyLogAppender;
  /** The clock of the log entries' `created_at`. Default `() => new Date()`. */
  now?: () => Date;
}

/**
 * The SQLite {@link IssuerStore}. Runs the issuer's migrations on `db` first. With a
 * `transparencyLog`, a credential and its issuance entry commit together or not at all.
 *
 * @example
 * ```ts
 * const store = createIssuerStore(openDatabase(join(dataDir, 'issuer.db')));
 * ```
 */
export function createIssuerStore(
  db: SqliteDatabase,
  options: CreateIssuerStoreOptions = {},
): IssuerStore {
  migrate(db, 'issuer', issuerMigrations);
  const { transparencyLog } = options;
  const now = options.now ?? (() => new Date());

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
    `INSERT INTO issuer_credentials
       (id, subject_did, achievement_id, attempt_id, jwt, json, issued_at, format, signed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const signCredential = db.prepare(
    `UPDATE issuer_credentials SET jwt = ?, json = ?, signed = 1
     WHERE id = ? AND signed = 0 AND format = ?
     RETURNING id, subject_did, achievement_id, attempt_id, issued_at`,
  );
  const selectCredential = db.prepare('SELECT * FROM issuer_credentials WHERE id = ?');
  const markSigned = db.prepare('UPDATE issuer_credentials SET signed = 1 WHERE id = ?');
  const selectPending = db.prepare(
    'SELECT * FROM issuer_credentials WHERE signed = 0 ORDER BY issued_at, id',
  );
  // A learner's current badge per achievement, with its status bits (0 without an entry).
  const awardSql = (where: string) => `
    SELECT c.*,
      COALESCE(MAX(CASE WHEN l.purpose = 'revocation' THEN e.status END), 0) AS revoked,
      COALESCE(MAX(CASE WHEN l.purpose = 'suspension' THEN e.status END), 0) AS suspended
    FROM issuer_credentials c
    LEFT JOIN issuer_status_entries e ON e.credential_id = c.id
    LEFT JOIN issuer_status_lists l ON l.id = e.list_id
    WHERE c.subject_did = @subjectDid AND c.attempt_id IS NOT NULL AND c.renewed_by IS NULL
      ${where}
    GROUP BY c.id
    ORDER BY c.issued_at, c.id`;
  const selectAward = db.prepare(awardSql('AND c.achievement_id = @achievementId'));
  const selectAwardsOfLearner = db.prepare(awardSql(''));
  const allocator = createStatusIndexAllocator(db);

  const insertRow = (row: Omit<CredentialRow, 'json' | 'signed'> & { json: unknown }): void => {
    try {
      insertCredential.run(
        row.id,
        row.subject_did,
        row.achievement_id,
        row.attempt_id,
        row.jwt,
        JSON.stringify(row.json),
        row.issued_at,
        row.format,
      );
    } catch (error) {
      if (isPrimaryKeyViolation(error)) {
        throw new SkillproofError('CONFLICT', `a credential with id ${row.id} was issued already`);
      }
      throw error;
    }
  };

  const findAward = (subjectDid: string, achievementId: string): AwardRecord | undefined => {
    const row = selectAward.get({ subjectDid, achievementId }) as AwardRow | undefined;
    return row && toAward(row);
  };

  // Allocates the status entries first, so the credential carries them: no I/O, inside the
  // caller's transaction, which rolls the entries back if anything after them fails.
  const reserve = (
    credential: NewCredential,
    attemptId: string | null,
  ): PendingCredentialRecord => {
    const allocations = allocator.allocate(
      credential.id,
      credential.issuedAt,
      credential.statusPurposes,
    );
    const unsigned = credential.build(allocations);
    insertRow({
      id: credential.id,
      subject_did: credential.subjectDid,
      achievement_id: credential.achievementId,
      attempt_id: attemptId,
      jwt: null,
      json: unsigned,
      issued_at: credential.issuedAt,
      format: credential.format ?? 'jwt_vc_json',
    });
    return {
      id: credential.id,
      subjectDid: credential.subjectDid,
      achievementId: credential.achievementId,
      attemptId,
      format: credential.format ?? 'jwt_vc_json',
      pending: true,
      jwt: null,
      credential: unsigned,
      issuedAt: credential.issuedAt,
    };
  };

  const consumeForSession = db.transaction(
    (challenge: string, now: string, session: SessionRecord): boolean => {
      if (consumeChallenge.run(now, challenge, session.did, now).changes !== 1) return false;
      pruneSessions.run(now);
      insertSession.run(session.tokenHash, session.did, session.createdAt, session.expiresAt);
      return true;
    },
  );

  const grade = db.transaction((result: AttemptGrade, award?: AwardRequest): RecordedGrade => {
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
    if (!award) return { current: undefined, decision: undefined, awarded: undefined };
    const current = findAward(award.subjectDid, award.achievementId);
    const decision = award.decide(current);
    switch (decision.kind) {
      case 'keep': {
        if (!current) throw new TypeError('decide kept an award the learner does not have');
        linkCredential.run(current.id, result.attemptId);
        const { revoked: _revoked, suspended: _suspended, ...kept } = current;
        return { current, decision: decision.kind, awarded: kept };
      }
      case 'withhold':
        return { current, decision: decision.kind, awarded: undefined };
      case 'issue': {
        // Marked first: the unique index allows one current badge per learner and achievement.
        if (current) markRenewed.run(decision.credential.id, current.id);
        const reserved = reserve(decision.credential, result.attemptId);
        linkCredential.run(reserved.id, result.attemptId);
        return { current, decision: decision.kind, awarded: reserved };
      }
    }
  });

  const reserveOutsideAttempt = db.transaction((credential: NewCredential) =>
    reserve(credential, null),
  );

  // The signature and the issuance entry commit together: a credential is never issued unlogged.
  const storeSignature = db.transaction(
    (
      id: string,
      format: IssuedFormat,
      jwt: string | null,
      credential: Record<string, unknown>,
    ): SignedRow | undefined => {
      // Only a pending credential takes a signature, so the first one stored stays.
      const stored = signCredential.get(jwt, JSON.stringify(credential), id, format) as
        SignedRow | undefined;
      if (stored && transparencyLog) {
        transparencyLog.appendIssuance(id, { format, jwt, credential }, now().toISOString());
      }
      return stored;
    },
  );

  const saveSigned = db.transaction((record: IssuedCredentialRecord) => {
    insertRow({
      id: record.id,
      subject_did: record.subjectDid,
      achievement_id: record.achievementId,
      attempt_id: record.attemptId,
      jwt: record.jwt,
      json: record.credential,
      issued_at: record.issuedAt,
      format: record.format,
    });
    markSigned.run(record.id);
    transparencyLog?.appendIssuance(
      record.id,
      {
        format: record.format,
        jwt: record.jwt,
        credential: record.credential as unknown as Record<string, unknown>,
      },
      now().toISOString(),
    );
  });

  const complete = (id: string, signed: JwtVerifiableCredential): IssuedCredentialRecord => {
    if (signed.id !== id) {
      throw new TypeError(`the signed credential is ${String(signed.id)}, not ${id}`);
    }
    const stored = storeSignature.immediate(
      id,
      'jwt_vc_json',
      signed.proof.jwt,
      signed as unknown as Record<string, unknown>,
    );
    if (stored) {
      return {
        id: stored.id,
        subjectDid: stored.subject_did,
        achievementId: stored.achievement_id,
        attemptId: stored.attempt_id,
        format: 'jwt_vc_json',
        jwt: signed.proof.jwt,
        credential: signed,
        issuedAt: stored.issued_at,
      };
    }
    const record = storedCredential(id);
    if (record.format !== 'jwt_vc_json') {
      throw new TypeError(`credential ${id} is ${record.format}, not a JWT to complete`);
    }
    return record;
  };

  /** The credential `id`, signed (by this call or an earlier one); never a pending one. */
  const storedCredential = (id: string): IssuedCredentialRecord | IssuedFieldCredentialRecord => {
    const row = selectCredential.get(id) as CredentialRow | undefined;
    if (!row) throw new SkillproofError('NOT_FOUND', `no credential ${id}`);
    const record = toCredential(row);
    if ('pending' in record) throw new Error(`credential ${id} stayed pending`);
    return record;
  };

  const completeField = (
    id: string,
    secured: { credential: Record<string, unknown>; jwt: string | null },
  ): IssuedFieldCredentialRecord => {
    const row = selectCredential.get(id) as CredentialRow | undefined;
    if (!row) throw new SkillproofError('NOT_FOUND', `no credential ${id}`);
    if (row.format === 'jwt_vc_json') {
      throw new TypeError(
        `credential ${id} is a JWT credential; complete it with completeCredential`,
      );
    }
    // As for a JWT: only a pending credential takes a signature, so the first one stored stays.
    storeSignature.immediate(id, row.format, secured.jwt, secured.credential);
    const record = storedCredential(id);
    if (record.format === 'jwt_vc_json') throw new TypeError(`credential ${id} changed format`);
    return record;
  };

  return {
    ...createCredentialOfferStore(db, reserve),
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
    async recordGrade(result, award) {
      return grade.immediate(result, award);
    },
    async reserveCredential(credential) {
      return reserveOutsideAttempt.immediate(credential);
    },
    async completeCredential(id, signed) {
      return complete(id, signed);
    },
    async completeFieldCredential(id, secured) {
      return completeField(id, secured);
    },
    async listPendingCredentials() {
      return (selectPending.all() as CredentialRow[]).map(toPending);
    },
    async findAwardedCredential(subjectDid, achievementId) {
      return findAward(subjectDid, achievementId);
    },
    async listAwardedCredentials(subjectDid) {
      return (selectAwardsOfLearner.all({ subjectDid }) as AwardRow[]).map(toAward);
    },
    async findCredential(id) {
      const row = selectCredential.get(id) as CredentialRow | undefined;
      return row && toCredential(row);
    },
    async saveCredential(record) {
      saveSigned.immediate(record);
    },
  };
}
