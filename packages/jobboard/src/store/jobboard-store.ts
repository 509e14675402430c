import { SkillproofError } from '@skillproof/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  createDatabaseRateLimiter,
  databaseFromSqlite,
  isUniqueViolation,
  migrateDatabase,
  migrateRateLimits,
  checkDatabaseReadiness,
  rateLimitMigrations,
  type Database,
  type DatabaseReadiness,
} from '@skillproof/server/database';
import { agentDatabaseMigrations } from '@skillproof/server/agent';
import type { SqliteDatabase } from '@skillproof/server/sqlite';
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
import type { JobboardTables } from './jobboard-tables.js';
import type {
  ApplicationRecord,
  JobboardStore,
  StoredOpenid4vpRequest,
  StoredApplication,
  StoredPosting,
} from '../ports/jobboard-store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import type { LedgerEntry } from '../paid-task-types.js';

type Openid4vpRequestRow = JobboardTables['openid4vp_requests'];
type EmployerRow = Pick<JobboardTables['employers'], 'id' | 'name' | 'email' | 'created_at'>;
type PostingRow = JobboardTables['postings'];
type ApplicationRow = Pick<
  JobboardTables['applications'],
  | 'id'
  | 'posting_id'
  | 'holder'
  | 'qualified'
  | 'decision_json'
  | 'presentation_jwt'
  | 'evidence_json'
  | 'created_at'
>;

/** Appends one ledger entry as it is, keyed by (task, sequence); never updated or deleted. */
async function insertLedgerEntry(db: Kysely<JobboardTables>, entry: LedgerEntry): Promise<void> {
  await db
    .insertInto('task_ledger_entries')
    .values({
      task_id: entry.taskId,
      sequence: entry.sequence,
      entry_json: JSON.stringify(entry),
      created_at: entry.at,
    })
    .execute();
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

function employerFromRow(row: EmployerRow): Employer {
  return {
    id: row.id,
    name: row.name,
    ...(row.email === null ? {} : { email: row.email }),
    createdAt: row.created_at,
  };
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
    ...(row.require_transparency === 1 ? { requireTransparency: true } : {}),
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

const applicationColumns = [
  'id',
  'posting_id',
  'holder',
  'qualified',
  'decision_json',
  'presentation_jwt',
  'evidence_json',
  'created_at',
] as const;

// An application can lose a race to another instance's application of the same person to the
// same posting (the current-application index): it is tried again against what is committed.
// Each round of such a race has a winner, so N applications racing need at most N rounds.
const applicationAttempts = 10;

/** The database a job board store is opened on: either engine, or a bare SQLite connection. */
export type JobboardDatabase = Database | SqliteDatabase;

function asDatabase(db: JobboardDatabase): Database {
  return 'kysely' in db ? db : databaseFromSqlite(db);
}

/**
 * Brings every table the job board keeps up to date: its own (scope `jobboard`), the rate-limit
 * counters and the board identity's key store (scope `agent`). Safe when several instances run
 * it at once; the `migrate` command runs it before new instances roll out. Returns the versions
 * applied, per scope.
 *
 * @example
 * ```ts
 * await migrateJobboardDatabase(openDatabaseFromConfig({ url, sqliteFile }));
 * ```
 */
export async function migrateJobboardDatabase(
  db: JobboardDatabase,
): Promise<{ jobboard: number[]; 'rate-limits': number[]; agent: number[] }> {
  const database = asDatabase(db);
  return {
    jobboard: await migrateDatabase(database, 'jobboard', jobboardMigrations),
    'rate-limits': await migrateDatabase(database, 'rate-limits', rateLimitMigrations),
    agent: await migrateDatabase(database, 'agent', agentDatabaseMigrations),
  };
}

/**
 * Whether the board's database answers and holds the schema this code needs (`/readyz`).
 *
 * @example
 * ```ts
 * (await checkJobboardReadiness(database)).ready; // true once migrated
 * ```
 */
export function checkJobboardReadiness(db: JobboardDatabase): Promise<DatabaseReadiness> {
  return checkDatabaseReadiness(asDatabase(db), {
    jobboard: jobboardMigrations.length,
    'rate-limits': rateLimitMigrations.length,
  });
}

/**
 * The {@link JobboardStore} on either engine (written once in Kysely); brings the schema up to
 * date first. Every single-use step is one conditional statement (`UPDATE … WHERE consumed_at
 * IS NULL`) inside a transaction, so on PostgreSQL instances racing for one nonce queue on its
 * row lock and exactly one wins; on SQLite transactions take the write lock first.
 *
 * @example
 * ```ts
 * const store = await createJobboardStore(openDatabaseFromConfig({ url, sqliteFile }));
 * ```
 */
export async function createJobboardStore(
  db: JobboardDatabase,
): Promise<JobboardStore & RateLimitStore> {
  const database = asDatabase(db);
  await migrateDatabase(database, 'jobboard', jobboardMigrations);
  await migrateRateLimits(database);
  const kysely = database.kysely as Kysely<JobboardTables>;

  const selectApplications = (trx: Kysely<JobboardTables>, postingId: string) =>
    trx.selectFrom('applications').select(applicationColumns).where('posting_id', '=', postingId);

  async function consumeNonceAndInsert(
    trx: Transaction<JobboardTables>,
    application: ApplicationRecord,
    now: string,
    openid4vpRequestId?: string,
  ): Promise<boolean> {
    if (openid4vpRequestId !== undefined) {
      const answered = await trx
        .updateTable('openid4vp_requests')
        .set({
          consumed_at: now,
          application_id: application.id,
          qualified: application.qualified ? 1 : 0,
        })
        .where('id', '=', openid4vpRequestId)
        .where('nonce', '=', application.nonce)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (answered.numUpdatedRows !== 1n) return false;
    }
    const consumed = await trx
      .updateTable('presentation_nonces')
      .set({ consumed_at: now, application_id: application.id })
      .where('nonce', '=', application.nonce)
      .where('posting_id', '=', application.postingId)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    // Undo the request's answer too: the transaction rolls back on a throw.
    if (consumed.numUpdatedRows !== 1n) {
      if (openid4vpRequestId === undefined) return false;
      throw new NonceNotOpen();
    }
    await trx
      .updateTable('applications')
      .set({ replaced_by: application.id })
      .where('posting_id', '=', application.postingId)
      .where('holder', '=', application.holder)
      .where('replaced_by', 'is', null)
      .execute();
    const decision = {
      requirements: application.requirements,
      checks: application.checks,
      ...(application.holderName === undefined ? {} : { holderName: application.holderName }),
    };
    await trx
      .insertInto('applications')
      .values({
        id: application.id,
        posting_id: application.postingId,
        holder: application.holder,
        qualified: application.qualified ? 1 : 0,
        decision_json: JSON.stringify(decision),
        presentation_jwt: application.presentationJwt,
        nonce: application.nonce,
        evidence_json: JSON.stringify({ credentials: application.evidence }),
        replaced_by: null,
        created_at: application.createdAt,
      })
      .execute();
    return true;
  }

  async function recordApplication(
    application: ApplicationRecord,
    now: string,
    openid4vpRequestId?: string,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await kysely
          .transaction()
          .execute((trx) => consumeNonceAndInsert(trx, application, now, openid4vpRequestId));
      } catch (error) {
        if (error instanceof NonceNotOpen) return false;
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= applicationAttempts) {
          throw new SkillproofError(
            'CONFLICT',
            'too many applications of this person to this posting at once: try again',
          );
        }
      }
    }
  }

  return {
    async insertEmployer(employer) {
      await kysely
        .insertInto('employers')
        .values({
          id: employer.id,
          name: employer.name,
          email: employer.email ?? null,
          token_hash: employer.tokenHash,
          password_hash: employer.passwordHash ?? null,
          password_change_required: employer.passwordChangeRequired ? 1 : 0,
          created_at: employer.createdAt,
        })
        .execute();
    },
    async findEmployerByTokenHash(tokenHash) {
      const row = await kysely
        .selectFrom('employers')
        .select(['id', 'name', 'email', 'created_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && employerFromRow(row);
    },
    async findEmployer(id) {
      const row = await kysely
        .selectFrom('employers')
        .select(['id', 'name', 'email', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && employerFromRow(row);
    },
    async findEmployerAccountByEmail(email) {
      const row = await kysely
        .selectFrom('employers')
        .select(['id', 'name', 'email', 'created_at', 'password_hash', 'password_change_required'])
        .where('email', '=', email)
        .executeTakeFirst();
      return (
        row && {
          employer: employerFromRow(row),
          passwordHash: row.password_hash ?? undefined,
          passwordChangeRequired: row.password_change_required === 1,
        }
      );
    },
    async setEmployerPassword(employerId, passwordHash) {
      await kysely
        .updateTable('employers')
        .set({ password_hash: passwordHash, password_change_required: 0 })
        .where('id', '=', employerId)
        .execute();
    },
    async insertEmployerSession(session) {
      await kysely
        .insertInto('employer_sessions')
        .values({
          token_hash: session.tokenHash,
          employer_id: session.employerId,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async findEmployerSession(tokenHash, now) {
      const row = await kysely
        .selectFrom('employer_sessions as s')
        .innerJoin('employers as e', 'e.id', 's.employer_id')
        .select([
          's.token_hash',
          's.employer_id',
          's.csrf_token',
          's.created_at',
          's.expires_at',
          'e.name',
          'e.email',
          'e.created_at as employer_created_at',
          'e.password_change_required',
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
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
      await kysely.deleteFrom('employer_sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteOtherEmployerSessions(employerId, keepTokenHash) {
      const result = await kysely
        .deleteFrom('employer_sessions')
        .where('employer_id', '=', employerId)
        .where('token_hash', '<>', keepTokenHash)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpiredEmployerSessions(now) {
      const result = await kysely
        .deleteFrom('employer_sessions')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async insertPosting(posting, taskEntry) {
      if (
        taskEntry !== undefined &&
        (taskEntry.taskId !== posting.id || taskEntry.sequence !== 0)
      ) {
        throw new TypeError(`a posting's task entry is entry 0 of task ${posting.id}`);
      }
      await kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('postings')
          .values({
            id: posting.id,
            employer_id: posting.employerId,
            title: posting.title,
            description: posting.description,
            requirements_json: JSON.stringify(posting.requirements),
            labels_json: JSON.stringify(posting.labels),
            presentation_definition_json: JSON.stringify(posting.presentation_definition),
            require_transparency: posting.requireTransparency ? 1 : 0,
            created_at: posting.createdAt,
          })
          .execute();
        if (taskEntry !== undefined) await insertLedgerEntry(trx, taskEntry);
      });
    },
    async findPosting(id) {
      const row = await kysely
        .selectFrom('postings')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && postingFromRow(row);
    },
    async listPostings() {
      const rows = await kysely
        .selectFrom('postings')
        .select([
          'id',
          'employer_id',
          'title',
          'description',
          'requirements_json',
          'labels_json',
          'presentation_definition_json',
          'require_transparency',
          'created_at',
        ])
        .orderBy('created_at', 'desc')
        .orderBy(sql`rowid`, 'desc')
        .execute();
      return rows.map(postingFromRow);
    },
    async insertPresentationNonce(record) {
      await kysely
        .insertInto('presentation_nonces')
        .values({
          nonce: record.nonce,
          posting_id: record.postingId,
          created_at: record.createdAt,
          expires_at: record.expiresAt,
          consumed_at: null,
          application_id: null,
        })
        .execute();
    },
    async consumePresentationNonce(nonce, postingId, now) {
      const result = await kysely
        .updateTable('presentation_nonces')
        .set({ consumed_at: now })
        .where('nonce', '=', nonce)
        .where('posting_id', '=', postingId)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async isPresentationNonceOpen(nonce, postingId, now) {
      const row = await kysely
        .selectFrom('presentation_nonces')
        .select('nonce')
        .where('nonce', '=', nonce)
        .where('posting_id', '=', postingId)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row !== undefined;
    },
    async deleteExpiredPresentationNonces(now) {
      const result = await kysely
        .deleteFrom('presentation_nonces')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async insertApplication(application, now) {
      return recordApplication(application, now);
    },
    async insertOpenid4vpRequest(request) {
      await kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('presentation_nonces')
          .values({
            nonce: request.nonce,
            posting_id: request.postingId,
            created_at: request.createdAt,
            expires_at: request.expiresAt,
            consumed_at: null,
            application_id: null,
          })
          .execute();
        await trx
          .insertInto('openid4vp_requests')
          .values({
            id: request.id,
            posting_id: request.postingId,
            nonce: request.nonce,
            state: request.state,
            created_at: request.createdAt,
            expires_at: request.expiresAt,
            consumed_at: null,
            application_id: null,
            qualified: null,
          })
          .execute();
      });
    },
    async findOpenid4vpRequest(id) {
      const row = await kysely
        .selectFrom('openid4vp_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && openid4vpRequestFromRow(row);
    },
    async insertOpenid4vpApplication(requestId, application, now) {
      return recordApplication(application, now, requestId);
    },
    async listApplications(postingId) {
      const history = new Map<string, EarlierDecision[]>();
      const earlier = await selectApplications(kysely, postingId)
        .where('replaced_by', 'is not', null)
        .orderBy('created_at', 'desc')
        .orderBy(sql`rowid`, 'desc')
        .execute();
      for (const row of earlier) {
        history.set(row.holder, [...(history.get(row.holder) ?? []), earlierDecisionFromRow(row)]);
      }
      const current = await selectApplications(kysely, postingId)
        .where('replaced_by', 'is', null)
        .orderBy('created_at')
        .orderBy(sql`rowid`)
        .execute();
      return current.map((row) => applicationFromRow(row, history.get(row.holder) ?? []));
    },
    async findApplication(postingId, id) {
      const row = await kysely
        .selectFrom('applications as asked')
        .innerJoin('applications as current', (join) =>
          join
            .onRef('current.posting_id', '=', 'asked.posting_id')
            .onRef('current.holder', '=', 'asked.holder')
            .on('current.replaced_by', 'is', null),
        )
        .select(applicationColumns.map((column) => `current.${column}` as const))
        .where('asked.posting_id', '=', postingId)
        .where('asked.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const history = await selectApplications(kysely, postingId)
        .where('holder', '=', row.holder)
        .where('replaced_by', 'is not', null)
        .orderBy('created_at', 'desc')
        .orderBy(sql`rowid`, 'desc')
        .execute();
      return applicationFromRow(row, history.map(earlierDecisionFromRow));
    },
    async ledgerEntriesOfTask(taskId) {
      const rows = await kysely
        .selectFrom('task_ledger_entries')
        .select('entry_json')
        .where('task_id', '=', taskId)
        .orderBy('sequence')
        .execute();
      return rows.map((row) => JSON.parse(row.entry_json) as LedgerEntry);
    },
    async appendLedgerEntry(entry) {
      try {
        await insertLedgerEntry(kysely, entry);
        return true;
      } catch (error) {
        // The (task_id, sequence) key: another change of the task was appended first.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async ledgerEntries() {
      const rows = await kysely
        .selectFrom('task_ledger_entries')
        .select('entry_json')
        .orderBy('created_at')
        .orderBy(sql`rowid`)
        .execute();
      return rows.map((row) => JSON.parse(row.entry_json) as LedgerEntry);
    },
    rateLimiter(options) {
      return createDatabaseRateLimiter({ database, ...options });
    },
  };
}
