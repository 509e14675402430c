import { migrate, type SqliteDatabase } from '@skillproof/core/sqlite';
import type {
  Application,
  ApplicationSummary,
  Employer,
  Posting,
  PostingRequirement,
  PresentationDefinition,
} from '../domain/jobboard-types.js';
import { jobboardMigrations } from './jobboard-migrations.js';

/** A new employer and the hash of its bearer token (the token itself is never stored). */
export interface EmployerRecord extends Employer {
  tokenHash: string;
}

/** A nonce handed out in a presentation request. */
export interface PresentationNonceRecord {
  nonce: string;
  postingId: string;
  createdAt: string;
  expiresAt: string;
}

/** A decided application and the presentation it was decided on. */
export interface ApplicationRecord extends Application {
  presentationJwt: string;
}

/**
 * Everything the job board keeps. Asynchronous so that a PostgreSQL adapter can stand in for
 * SQLite; every method that writes is atomic on its own.
 */
export interface JobboardStore {
  insertEmployer(employer: EmployerRecord): Promise<void>;
  findEmployerByTokenHash(tokenHash: string): Promise<Employer | undefined>;
  insertPosting(posting: Posting): Promise<void>;
  findPosting(id: string): Promise<Posting | undefined>;
  /** All postings, newest first. */
  listPostings(): Promise<Posting[]>;
  insertPresentationNonce(record: PresentationNonceRecord): Promise<void>;
  /**
   * Marks `nonce` used, and says whether it was: only a nonce that exists, was issued for
   * `postingId`, has not expired at `now` and was never used before. Atomic, so two
   * concurrent submissions of one nonce can't both win.
   */
  consumePresentationNonce(nonce: string, postingId: string, now: string): Promise<boolean>;
  /** Forgets nonces that expired before `now`: they can never be consumed again anyway. */
  deleteExpiredPresentationNonces(now: string): Promise<number>;
  insertApplication(application: ApplicationRecord): Promise<void>;
  /** The applications to one posting, oldest first. */
  listApplications(postingId: string): Promise<ApplicationSummary[]>;
}

interface PostingRow {
  id: string;
  employer_id: string;
  title: string;
  description: string;
  requirements_json: string;
  presentation_definition_json: string;
  created_at: string;
}

interface ApplicationRow {
  id: string;
  holder: string;
  qualified: number;
  decision_json: string;
  created_at: string;
}

function postingFromRow(row: PostingRow): Posting {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    employerId: row.employer_id,
    requirements: JSON.parse(row.requirements_json) as PostingRequirement[],
    presentation_definition: JSON.parse(row.presentation_definition_json) as PresentationDefinition,
    createdAt: row.created_at,
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
export function createJobboardStore(db: SqliteDatabase): JobboardStore {
  migrate(db, 'jobboard', jobboardMigrations);

  const insertEmployer = db.prepare(
    'INSERT INTO employers (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const selectEmployerByTokenHash = db.prepare(
    'SELECT id, name, created_at FROM employers WHERE token_hash = ?',
  );
  const insertPosting = db.prepare(
    `INSERT INTO postings (id, employer_id, title, description, requirements_json,
       presentation_definition_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
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
  const deleteExpiredNonces = db.prepare('DELETE FROM presentation_nonces WHERE expires_at <= ?');
  const insertApplication = db.prepare(
    `INSERT INTO applications (id, posting_id, holder, qualified, decision_json,
       presentation_jwt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectApplications = db.prepare(
    `SELECT id, holder, qualified, decision_json, created_at FROM applications
       WHERE posting_id = ? ORDER BY created_at, rowid`,
  );

  return {
    async insertEmployer(employer) {
      insertEmployer.run(employer.id, employer.name, employer.tokenHash, employer.createdAt);
    },
    async findEmployerByTokenHash(tokenHash) {
      const row = selectEmployerByTokenHash.get(tokenHash) as
        { id: string; name: string; created_at: string } | undefined;
      return row && { id: row.id, name: row.name, createdAt: row.created_at };
    },
    async insertPosting(posting) {
      insertPosting.run(
        posting.id,
        posting.employerId,
        posting.title,
        posting.description,
        JSON.stringify(posting.requirements),
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
    async deleteExpiredPresentationNonces(now) {
      return deleteExpiredNonces.run(now).changes;
    },
    async insertApplication(application) {
      const decision = { requirements: application.requirements, checks: application.checks };
      db.transaction(() => {
        insertApplication.run(
          application.id,
          application.postingId,
          application.holder,
          application.qualified ? 1 : 0,
          JSON.stringify(decision),
          application.presentationJwt,
          application.createdAt,
        );
      })();
    },
    async listApplications(postingId) {
      return (selectApplications.all(postingId) as ApplicationRow[]).map((row) => ({
        id: row.id,
        holder: row.holder,
        qualified: row.qualified === 1,
        requirements: (JSON.parse(row.decision_json) as Pick<Application, 'requirements'>)
          .requirements,
        createdAt: row.created_at,
      }));
    },
  };
}
