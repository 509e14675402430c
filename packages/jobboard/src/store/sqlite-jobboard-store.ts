import { createSqliteRateLimiter, migrate, type SqliteDatabase } from '@skillproof/server/sqlite';
import type {
  CredentialEvidence,
  EarlierDecision,
  Employer,
  PostingRequirement,
  PresentationDefinition,
  RequirementLabels,
  RequirementOutcome,
} from '../jobboard-types.js';
import { jobboardMigrations } from './jobboard-migrations.js';
import type {
  ApplicationRecord,
  JobboardStore,
  Openid4vpRequestRecord,
  StoredOpenid4vpRequest,
  StoredApplication,
  StoredPosting,
} from '../ports/jobboard-store.js';
import type { RateLimitStore } from './rate-limit-store.js';

interface Openid4vpRequestRow {
  id: string;
  posting_id: string;
  nonce: string;
  state: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
  application_id: string | null;
  qualified: number | null;
}

// Thrown inside a transaction only to roll it back.
class NonceNotOpen extends Error {}

function openid4vpRequestFromRow(row: Openid4vpRequestRow): StoredOpenid4vpRequest {
  return {
    id: row.id,
    postingId: row.posting_id,
    nonce: row.nonce,
    state: row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.consumed_at === null ? {} : { consumedAt: row.consumed_at }),
    ...(row.application_id === null ? {} : { applicationId: row.application_id }),
    ...(row.qualified === null ? {} : { qualified: row.qualified === 1 }),
  };
}

interface EmployerRow {
  id: string;
  name: string;
  email: string | null;
  created_at: string;
}

interface SessionRow {
  token_hash: string;
  employer_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  name: string;
  email: string | null;
  employer_created_at: string;
  password_change_required: number;
}

function employerFromRow(row: EmployerRow): Employer {
  return {
    id: row.id,
    name: row.name,
    ...(row.email === null ? {} : { email: row.email }),
    createdAt: row.created_at,
  };
}

interface PostingRow {
  id: string;
  employer_id: string;
  title: string;
  description: string;
  requirements_json: string;
  labels_json: string;
  presentation_definition_json: string;
  created_at: string;
}

interface ApplicationRow {
  id: string;
  posting_id: string;
  holder: string;
  qualified: number;
  decision_json: string;
  presentation_jwt: string;
  evidence_json: string;
  created_at: string;
}

// Rows are in today's shape: migration 4 rewrote those written by version 1.
function postingFromRow(row: PostingRow): StoredPosting {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    employerId: row.employer_id,
    requirements: JSON.parse(row.requirements_json) as PostingRequirement[],
    labels: JSON.parse(row.labels_json) as RequirementLabels,
    presentation_definition: JSON.parse(row.presentation_definition_json) as PresentationDefinition,
    createdAt: row.created_at,
  };
}

function earlierDecisionFromRow(row: ApplicationRow): EarlierDecision {
  const decision = JSON.parse(row.decision_json) as { requirements: RequirementOutcome[] };
  return {
    id: row.id,
    qualified: row.qualified === 1,
    requirements: decision.requirements,
    createdAt: row.created_at,
  };
}

function applicationFromRow(row: ApplicationRow, history: EarlierDecision[]): StoredApplication {
  const { holderName } = JSON.parse(row.decision_json) as { holderName?: string };
  return {
    ...earlierDecisionFromRow(row),
    postingId: row.posting_id,
    holder: row.holder,
    ...(holderName === undefined ? {} : { holderName }),
    createdAt: row.created_at,
    presentationJwt: row.presentation_jwt,
    evidence: (JSON.parse(row.evidence_json) as { credentials: CredentialEvidence[] }).credentials,
    history,
  };
}

/**
 * The SQLite {@link JobboardStore}; brings the schema up to date first.
 *
 * @example
 * ```ts
 * const store = createJobboardStore(openDatabase(join(dataDir, 'jobboard.db')));
 * ```
 */
export function createJobboardStore(db: SqliteDatabase): JobboardStore & RateLimitStore {
  migrate(db, 'jobboard', jobboardMigrations);
  // The rate-limit counters' table (scope `rate-limits`) is made by the limiter itself: make it
  // here with the rest of the schema, so cluster workers started after the primary has opened
  // the store never race to create it.
  createSqliteRateLimiter({ db, name: 'schema', limit: 1, windowMs: 1, now: () => new Date(0) });

  const insertEmployer = db.prepare(
    `INSERT INTO employers (id, name, email, token_hash, password_hash, password_change_required,
       created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectEmployerByTokenHash = db.prepare(
    'SELECT id, name, email, created_at FROM employers WHERE token_hash = ?',
  );
  const selectEmployer = db.prepare(
    'SELECT id, name, email, created_at FROM employers WHERE id = ?',
  );
  const selectEmployerByEmail = db.prepare(
    `SELECT id, name, email, created_at, password_hash, password_change_required FROM employers
       WHERE email = ?`,
  );
  const updateEmployerPassword = db.prepare(
    'UPDATE employers SET password_hash = ?, password_change_required = 0 WHERE id = ?',
  );
  const insertSession = db.prepare(
    `INSERT INTO employer_sessions (token_hash, employer_id, csrf_token, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
  );
  const selectSession = db.prepare(
    `SELECT s.token_hash, s.employer_id, s.csrf_token, s.created_at, s.expires_at,
       e.name, e.email, e.created_at AS employer_created_at, e.password_change_required
       FROM employer_sessions s JOIN employers e ON e.id = s.employer_id
       WHERE s.token_hash = ? AND s.expires_at > ?`,
  );
  const deleteSession = db.prepare('DELETE FROM employer_sessions WHERE token_hash = ?');
  const deleteOtherSessions = db.prepare(
    'DELETE FROM employer_sessions WHERE employer_id = ? AND token_hash <> ?',
  );
  const deleteExpiredSessions = db.prepare('DELETE FROM employer_sessions WHERE expires_at <= ?');
  const insertPosting = db.prepare(
    `INSERT INTO postings (id, employer_id, title, description, requirements_json, labels_json,
       presentation_definition_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectPosting = db.prepare('SELECT * FROM postings WHERE id = ?');
  const selectPostings = db.prepare('SELECT * FROM postings ORDER BY created_at DESC, rowid DESC');
  const insertNonce = db.prepare(
    'INSERT INTO presentation_nonces (nonce, posting_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  );
  const consumeNonce = db.prepare(
    `UPDATE presentation_nonces SET consumed_at = ?
       WHERE nonce = ? AND posting_id = ? AND consumed_at IS NULL AND expires_at > ?`,
  );
  const selectOpenNonce = db.prepare(
    `SELECT 1 FROM presentation_nonces
       WHERE nonce = ? AND posting_id = ? AND consumed_at IS NULL AND expires_at > ?`,
  );
  const consumeNonceFor = db.prepare(
    `UPDATE presentation_nonces SET consumed_at = ?, application_id = ?
       WHERE nonce = ? AND posting_id = ? AND consumed_at IS NULL AND expires_at > ?`,
  );
  const deleteExpiredNonces = db.prepare('DELETE FROM presentation_nonces WHERE expires_at <= ?');
  const insertApplication = db.prepare(
    `INSERT INTO applications (id, posting_id, holder, qualified, decision_json,
       presentation_jwt, nonce, evidence_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const applicationColumns =
    'id, posting_id, holder, qualified, decision_json, presentation_jwt, evidence_json, created_at';
  const selectApplications = db.prepare(
    `SELECT ${applicationColumns} FROM applications WHERE posting_id = ? AND replaced_by IS NULL
       ORDER BY created_at, rowid`,
  );
  const selectHistory = db.prepare(
    `SELECT ${applicationColumns} FROM applications
       WHERE posting_id = ? AND replaced_by IS NOT NULL ORDER BY created_at DESC, rowid DESC`,
  );
  const selectHistoryOf = db.prepare(
    `SELECT ${applicationColumns} FROM applications
       WHERE posting_id = ? AND holder = ? AND replaced_by IS NOT NULL
       ORDER BY created_at DESC, rowid DESC`,
  );
  const selectCurrentApplication = db.prepare(
    `SELECT ${applicationColumns
      .split(', ')
      .map((column) => `current.${column}`)
      .join(', ')} FROM applications AS asked
       JOIN applications AS current ON current.posting_id = asked.posting_id
         AND current.holder = asked.holder AND current.replaced_by IS NULL
       WHERE asked.posting_id = ? AND asked.id = ?`,
  );
  const replaceCurrent = db.prepare(
    `UPDATE applications SET replaced_by = ?
       WHERE posting_id = ? AND holder = ? AND replaced_by IS NULL`,
  );
  const insertOpenid4vpRequest = db.prepare(
    `INSERT INTO openid4vp_requests (id, posting_id, nonce, state, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const selectOpenid4vpRequest = db.prepare('SELECT * FROM openid4vp_requests WHERE id = ?');
  const answerOpenid4vpRequest = db.prepare(
    `UPDATE openid4vp_requests SET consumed_at = ?, application_id = ?, qualified = ?
       WHERE id = ? AND nonce = ? AND consumed_at IS NULL AND expires_at > ?`,
  );
  const insertRequestAndNonce = db.transaction((request: Openid4vpRequestRecord) => {
    insertNonce.run(request.nonce, request.postingId, request.createdAt, request.expiresAt);
    insertOpenid4vpRequest.run(
      request.id,
      request.postingId,
      request.nonce,
      request.state,
      request.createdAt,
      request.expiresAt,
    );
  });
  const consumeNonceAndInsert = db.transaction(
    (application: ApplicationRecord, now: string, openid4vpRequestId?: string): boolean => {
      if (openid4vpRequestId !== undefined) {
        const answered = answerOpenid4vpRequest.run(
          now,
          application.id,
          application.qualified ? 1 : 0,
          openid4vpRequestId,
          application.nonce,
          now,
        );
        if (answered.changes !== 1) return false;
      }
      const consumed = consumeNonceFor.run(
        now,
        application.id,
        application.nonce,
        application.postingId,
        now,
      );
      // Undo the request's answer too: the transaction rolls back on a throw.
      if (consumed.changes !== 1) {
        if (openid4vpRequestId === undefined) return false;
        throw new NonceNotOpen();
      }
      replaceCurrent.run(application.id, application.postingId, application.holder);
      const decision = {
        requirements: application.requirements,
        checks: application.checks,
        ...(application.holderName === undefined ? {} : { holderName: application.holderName }),
      };
      insertApplication.run(
        application.id,
        application.postingId,
        application.holder,
        application.qualified ? 1 : 0,
        JSON.stringify(decision),
        application.presentationJwt,
        application.nonce,
        JSON.stringify({ credentials: application.evidence }),
        application.createdAt,
      );
      return true;
    },
  );

  return {
    async insertEmployer(employer) {
      insertEmployer.run(
        employer.id,
        employer.name,
        employer.email ?? null,
        employer.tokenHash,
        employer.passwordHash ?? null,
        employer.passwordChangeRequired ? 1 : 0,
        employer.createdAt,
      );
    },
    async findEmployerByTokenHash(tokenHash) {
      const row = selectEmployerByTokenHash.get(tokenHash) as EmployerRow | undefined;
      return row && employerFromRow(row);
    },
    async findEmployer(id) {
      const row = selectEmployer.get(id) as EmployerRow | undefined;
      return row && employerFromRow(row);
    },
    async findEmployerAccountByEmail(email) {
      const row = selectEmployerByEmail.get(email) as
        | (EmployerRow & { password_hash: string | null; password_change_required: number })
        | undefined;
      return (
        row && {
          employer: employerFromRow(row),
          passwordHash: row.password_hash ?? undefined,
          passwordChangeRequired: row.password_change_required === 1,
        }
      );
    },
    async setEmployerPassword(employerId, passwordHash) {
      updateEmployerPassword.run(passwordHash, employerId);
    },
    async insertEmployerSession(session) {
      insertSession.run(
        session.tokenHash,
        session.employerId,
        session.csrfToken,
        session.createdAt,
        session.expiresAt,
      );
    },
    async findEmployerSession(tokenHash, now) {
      const row = selectSession.get(tokenHash, now) as SessionRow | undefined;
      return (
        row && {
          tokenHash: row.token_hash,
          employerId: row.employer_id,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          employer: employerFromRow({
            id: row.employer_id,
            name: row.name,
            email: row.email,
            created_at: row.employer_created_at,
          }),
          passwordChangeRequired: row.password_change_required === 1,
        }
      );
    },
    async deleteEmployerSession(tokenHash) {
      deleteSession.run(tokenHash);
    },
    async deleteOtherEmployerSessions(employerId, keepTokenHash) {
      return deleteOtherSessions.run(employerId, keepTokenHash).changes;
    },
    async deleteExpiredEmployerSessions(now) {
      return deleteExpiredSessions.run(now).changes;
    },
    async insertPosting(posting) {
      insertPosting.run(
        posting.id,
        posting.employerId,
        posting.title,
        posting.description,
        JSON.stringify(posting.requirements),
        JSON.stringify(posting.labels),
        JSON.stringify(posting.presentation_definition),
        posting.createdAt,
      );
    },
    async findPosting(id) {
      const row = selectPosting.get(id) as PostingRow | undefined;
      return row && postingFromRow(row);
    },
    async listPostings() {
      return (selectPostings.all() as PostingRow[]).map(postingFromRow);
    },
    async insertPresentationNonce(record) {
      insertNonce.run(record.nonce, record.postingId, record.createdAt, record.expiresAt);
    },
    async consumePresentationNonce(nonce, postingId, now) {
      return consumeNonce.run(now, nonce, postingId, now).changes === 1;
    },
    async isPresentationNonceOpen(nonce, postingId, now) {
      return selectOpenNonce.get(nonce, postingId, now) !== undefined;
    },
    async deleteExpiredPresentationNonces(now) {
      return deleteExpiredNonces.run(now).changes;
    },
    async insertApplication(application, now) {
      // IMMEDIATE takes the write lock first, so processes sharing one WAL file queue on it
      // (busy_timeout) rather than fail to upgrade a read lock mid-transaction.
      return consumeNonceAndInsert.immediate(application, now);
    },
    async insertOpenid4vpRequest(request) {
      insertRequestAndNonce.immediate(request);
    },
    async findOpenid4vpRequest(id) {
      const row = selectOpenid4vpRequest.get(id) as Openid4vpRequestRow | undefined;
      return row && openid4vpRequestFromRow(row);
    },
    async insertOpenid4vpApplication(requestId, application, now) {
      try {
        return consumeNonceAndInsert.immediate(application, now, requestId);
      } catch (error) {
        if (error instanceof NonceNotOpen) return false;
        throw error;
      }
    },
    async listApplications(postingId) {
      const history = new Map<string, EarlierDecision[]>();
      for (const row of selectHistory.all(postingId) as ApplicationRow[]) {
        history.set(row.holder, [...(history.get(row.holder) ?? []), earlierDecisionFromRow(row)]);
      }
      return (selectApplications.all(postingId) as ApplicationRow[]).map((row) =>
        applicationFromRow(row, history.get(row.holder) ?? []),
      );
    },
    async findApplication(postingId, id) {
      const row = selectCurrentApplication.get(postingId, id) as ApplicationRow | undefined;
      if (!row) return undefined;
      const history = selectHistoryOf.all(postingId, row.holder) as ApplicationRow[];
      return applicationFromRow(row, history.map(earlierDecisionFromRow));
    },
    rateLimiter(options) {
      return createSqliteRateLimiter({ db, ...options });
    },
  };
}
