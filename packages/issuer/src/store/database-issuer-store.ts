import {
  SkillproofError,
  type JwtVerifiableCredential,
  type W3cCredential,
} from '@skillproof/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import { isUniqueViolation, migrateDatabase } from '@skillproof/server/database';
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
import { createCredentialOfferStore } from './database-credential-offers.js';
import type { TransparencyLogAppender } from './database-transparency-log.js';
import { issuerDatabase, issuerTables, type IssuerDatabase } from './issuer-database.js';
import { issuerMigrations } from './issuer-migrations.js';
import type { IssuerTables } from './issuer-tables.js';
import { createStatusIndexAllocator } from './status-index-allocator.js';

type ChallengeRow = IssuerTables['issuer_auth_challenges'];
type SessionRow = IssuerTables['issuer_sessions'];
type CredentialRow = Pick<
  IssuerTables['issuer_credentials'],
  | 'id'
  | 'subject_did'
  | 'achievement_id'
  | 'attempt_id'
  | 'jwt'
  | 'json'
  | 'issued_at'
  | 'format'
  | 'signed'
>;

// Explicit columns: the stored answers never leave the database through a read.
const attemptColumns = [
  'id',
  'did',
  'badge',
  'attempt_number',
  'created_at',
  'expires_at',
  'graded_at',
  'score',
  'correct',
  'total',
  'passed',
  'credential_id',
] as const;
type AttemptRow = Pick<IssuerTables['issuer_attempts'], (typeof attemptColumns)[number]>;

const credentialColumns = [
  'id',
  'subject_did',
  'achievement_id',
  'attempt_id',
  'jwt',
  'json',
  'issued_at',
  'format',
  'signed',
] as const;

interface AwardRow extends CredentialRow {
  revoked: number | string;
  suspended: number | string;
}

const nullableNumber = (value: number | null): number | null =>
  value === null ? null : Number(value);

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
    attemptNumber: Number(row.attempt_number),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    gradedAt: row.graded_at,
    score: nullableNumber(row.score),
    correct: nullableNumber(row.correct),
    total: nullableNumber(row.total),
    passed: row.passed === null ? null : Number(row.passed) === 1,
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
  if (Number(row.signed) === 0) {
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
  return {
    ...toCredential(row),
    revoked: Number(row.revoked) === 1,
    suspended: Number(row.suspended) === 1,
  };
}

function toPending(row: CredentialRow): PendingCredentialRecord {
  const record = toCredential(row);
  if (!('pending' in record)) throw new Error(`credential ${row.id} is not pending`);
  return record;
}

/** A violation of a table's primary key (PostgreSQL names it `<table>_pkey`), not of an index. */
function isPrimaryKeyViolation(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (code === '23505' && typeof constraint === 'string' && constraint.endsWith('_pkey'))
  );
}

// Two gradings of one learner's attempts at one achievement, on two instances, can both find no
// current badge; the award index lets one insert and the other fails: it is decided again on
// what is committed. Each round has a winner, so a handful of rounds suffice.
const gradingRounds = 5;

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
 * The {@link IssuerStore} on either engine, written once in Kysely. Runs the issuer's migrations
 * first. With a `transparencyLog`, a credential and its issuance entry commit together or not at
 * all. Every single-use step (a challenge, an answer submission, a code, a token, a c_nonce) is
 * one conditional statement checked for one changed row, and every allocation one atomic
 * statement or a lock, so instances sharing one PostgreSQL database give one instance's answers.
 *
 * @example
 * ```ts
 * const store = await createIssuerStore(openDatabaseFromConfig({ url, sqliteFile }));
 * ```
 */
export async function createIssuerStore(
  db: IssuerDatabase,
  options: CreateIssuerStoreOptions = {},
): Promise<IssuerStore> {
  const database = issuerDatabase(db);
  await migrateDatabase(database, 'issuer', issuerMigrations);
  const kysely = issuerTables(database);
  const { transparencyLog } = options;
  const now = options.now ?? (() => new Date());
  const allocator = createStatusIndexAllocator(database.engine);

  // A learner's current badges, with their status bits (0 without an entry).
  const selectAwards = (trx: Kysely<IssuerTables>, subjectDid: string) =>
    trx
      .selectFrom('issuer_credentials as c')
      .leftJoin('issuer_status_entries as e', 'e.credential_id', 'c.id')
      .leftJoin('issuer_status_lists as l', 'l.id', 'e.list_id')
      .select(credentialColumns.map((column) => `c.${column}` as const))
      .select([
        sql<number>`COALESCE(MAX(CASE WHEN l.purpose = 'revocation' THEN e.status END), 0)`.as(
          'revoked',
        ),
        sql<number>`COALESCE(MAX(CASE WHEN l.purpose = 'suspension' THEN e.status END), 0)`.as(
          'suspended',
        ),
      ])
      .where('c.subject_did', '=', subjectDid)
      .where('c.attempt_id', 'is not', null)
      .where('c.renewed_by', 'is', null)
      .groupBy(credentialColumns.map((column) => `c.${column}` as const))
      .orderBy('c.issued_at')
      .orderBy('c.id');

  const findAward = async (
    trx: Kysely<IssuerTables>,
    subjectDid: string,
    achievementId: string,
  ): Promise<AwardRecord | undefined> => {
    const row = await selectAwards(trx, subjectDid)
      .where('c.achievement_id', '=', achievementId)
      .executeTakeFirst();
    return row && toAward(row);
  };

  const selectCredential = (trx: Kysely<IssuerTables>, id: string) =>
    trx
      .selectFrom('issuer_credentials')
      .select(credentialColumns)
      .where('id', '=', id)
      .executeTakeFirst();

  const insertRow = async (
    trx: Kysely<IssuerTables>,
    row: Omit<CredentialRow, 'json' | 'signed'> & { json: unknown; signed: number },
  ): Promise<void> => {
    try {
      await trx
        .insertInto('issuer_credentials')
        .values({
          id: row.id,
          subject_did: row.subject_did,
          achievement_id: row.achievement_id,
          attempt_id: row.attempt_id,
          jwt: row.jwt,
          json: JSON.stringify(row.json),
          issued_at: row.issued_at,
          format: row.format,
          signed: row.signed,
        })
        .execute();
    } catch (error) {
      if (isPrimaryKeyViolation(error)) {
        throw new SkillproofError('CONFLICT', `a credential with id ${row.id} was issued already`);
      }
      throw error;
    }
  };

  // Allocates the status entries first, so the credential carries them: inside the caller's
  // transaction, which rolls the entries back if anything after them fails.
  const reserve = async (
    trx: Transaction<IssuerTables>,
    credential: NewCredential,
    attemptId: string | null,
  ): Promise<PendingCredentialRecord> => {
    const allocations = await allocator.allocate(
      trx,
      credential.id,
      credential.issuedAt,
      credential.statusPurposes,
    );
    const unsigned = credential.build(allocations);
    const format = credential.format ?? 'jwt_vc_json';
    await insertRow(trx, {
      id: credential.id,
      subject_did: credential.subjectDid,
      achievement_id: credential.achievementId,
      attempt_id: attemptId,
      jwt: null,
      json: unsigned,
      issued_at: credential.issuedAt,
      format,
      signed: 0,
    });
    return {
      id: credential.id,
      subjectDid: credential.subjectDid,
      achievementId: credential.achievementId,
      attemptId,
      format,
      pending: true,
      jwt: null,
      credential: unsigned,
      issuedAt: credential.issuedAt,
    };
  };

  const linkCredential = (trx: Kysely<IssuerTables>, credentialId: string, attemptId: string) =>
    trx
      .updateTable('issuer_attempts')
      .set({ credential_id: credentialId })
      .where('id', '=', attemptId)
      .execute();

  const grade = async (
    trx: Transaction<IssuerTables>,
    result: AttemptGrade,
    award?: AwardRequest,
  ): Promise<RecordedGrade> => {
    // One answer submission per attempt: the UPDATE's condition, on the row as committed.
    const graded = await trx
      .updateTable('issuer_attempts')
      .set({
        graded_at: result.gradedAt,
        score: result.score,
        correct: result.correct,
        total: result.total,
        passed: result.passed ? 1 : 0,
        answers_json: result.answers === undefined ? null : JSON.stringify(result.answers),
      })
      .where('id', '=', result.attemptId)
      .where('graded_at', 'is', null)
      .executeTakeFirst();
    if (graded.numUpdatedRows !== 1n) {
      throw new SkillproofError('CONFLICT', `attempt ${result.attemptId} was graded already`);
    }
    if (!award) return { current: undefined, decision: undefined, awarded: undefined };
    const current = await findAward(trx, award.subjectDid, award.achievementId);
    const decision = award.decide(current);
    switch (decision.kind) {
      case 'keep': {
        if (!current) throw new TypeError('decide kept an award the learner does not have');
        await linkCredential(trx, current.id, result.attemptId);
        const { revoked: _revoked, suspended: _suspended, ...kept } = current;
        return { current, decision: decision.kind, awarded: kept };
      }
      case 'withhold':
        return { current, decision: decision.kind, awarded: undefined };
      case 'issue': {
        // Marked first: the unique index allows one current badge per learner and achievement.
        if (current) {
          await trx
            .updateTable('issuer_credentials')
            .set({ renewed_by: decision.credential.id })
            .where('id', '=', current.id)
            .execute();
        }
        const reserved = await reserve(trx, decision.credential, result.attemptId);
        await linkCredential(trx, reserved.id, result.attemptId);
        return { current, decision: decision.kind, awarded: reserved };
      }
    }
  };

  // The signature and the issuance entry commit together: a credential is never issued unlogged.
  const storeSignature = (
    id: string,
    format: IssuedFormat,
    jwt: string | null,
    credential: Record<string, unknown>,
  ) =>
    kysely.transaction().execute(async (trx) => {
      // Only a pending credential takes a signature, so the first one stored stays.
      const stored = await trx
        .updateTable('issuer_credentials')
        .set({ jwt, json: JSON.stringify(credential), signed: 1 })
        .where('id', '=', id)
        .where('signed', '=', 0)
        .where('format', '=', format)
        .returning(['id', 'subject_did', 'achievement_id', 'attempt_id', 'issued_at'])
        .executeTakeFirst();
      if (stored && transparencyLog) {
        await transparencyLog.appendIssuance(
          trx,
          id,
          { format, jwt, credential },
          now().toISOString(),
        );
      }
      return stored;
    });

  /** The credential `id`, signed (by this call or an earlier one); never a pending one. */
  const storedCredential = async (
    id: string,
  ): Promise<IssuedCredentialRecord | IssuedFieldCredentialRecord> => {
    const row = await selectCredential(kysely, id);
    if (!row) throw new SkillproofError('NOT_FOUND', `no credential ${id}`);
    const record = toCredential(row);
    if ('pending' in record) throw new Error(`credential ${id} stayed pending`);
    return record;
  };

  return {
    ...createCredentialOfferStore(kysely, reserve),
    async saveChallenge(record) {
      await kysely
        .deleteFrom('issuer_auth_challenges')
        .where('expires_at', '<=', record.createdAt)
        .execute();
      await kysely
        .insertInto('issuer_auth_challenges')
        .values({
          challenge: record.challenge,
          did: record.did,
          created_at: record.createdAt,
          expires_at: record.expiresAt,
          consumed_at: null,
        })
        .execute();
    },
    async findChallenge(challenge) {
      const row = await kysely
        .selectFrom('issuer_auth_challenges')
        .selectAll()
        .where('challenge', '=', challenge)
        .executeTakeFirst();
      return row && toChallenge(row);
    },
    async consumeChallengeForSession(challenge, at, session) {
      return kysely.transaction().execute(async (trx) => {
        const consumed = await trx
          .updateTable('issuer_auth_challenges')
          .set({ consumed_at: at })
          .where('challenge', '=', challenge)
          .where('did', '=', session.did)
          .where('consumed_at', 'is', null)
          .where('expires_at', '>', at)
          .executeTakeFirst();
        if (consumed.numUpdatedRows !== 1n) return false;
        await trx.deleteFrom('issuer_sessions').where('expires_at', '<=', at).execute();
        await trx
          .insertInto('issuer_sessions')
          .values({
            token_hash: session.tokenHash,
            did: session.did,
            created_at: session.createdAt,
            expires_at: session.expiresAt,
          })
          .execute();
        return true;
      });
    },
    async findSession(tokenHash, at) {
      const row = await kysely
        .selectFrom('issuer_sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return row && toSession(row);
    },
    async saveAttempt(record) {
      try {
        await kysely
          .insertInto('issuer_attempts')
          .values({
            id: record.id,
            did: record.did,
            badge: record.badge,
            attempt_number: record.attemptNumber,
            created_at: record.createdAt,
            expires_at: record.expiresAt,
          })
          .execute();
      } catch (error) {
        // Two starts of one attempt number (two tabs, two instances): the second is refused.
        if (isUniqueViolation(error) && !isPrimaryKeyViolation(error)) {
          throw new SkillproofError(
            'CONFLICT',
            `attempt ${record.attemptNumber} at ${record.badge} was started already; try again`,
          );
        }
        throw error;
      }
    },
    async findAttempt(id) {
      const row = await kysely
        .selectFrom('issuer_attempts')
        .select(attemptColumns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAttempt(row);
    },
    async listAttempts(did, badge) {
      let query = kysely
        .selectFrom('issuer_attempts')
        .select(attemptColumns)
        .where('did', '=', did);
      if (badge !== undefined) query = query.where('badge', '=', badge);
      const rows = await query.orderBy('badge').orderBy('attempt_number').execute();
      return rows.map(toAttempt);
    },
    async recordGrade(result, award) {
      for (let round = 1; ; round++) {
        try {
          return await kysely.transaction().execute((trx) => grade(trx, result, award));
        } catch (error) {
          if (!isUniqueViolation(error) || round >= gradingRounds) throw error;
        }
      }
    },
    async reserveCredential(credential) {
      return kysely.transaction().execute((trx) => reserve(trx, credential, null));
    },
    async completeCredential(id, signed) {
      if (signed.id !== id) {
        throw new TypeError(`the signed credential is ${String(signed.id)}, not ${id}`);
      }
      const stored = await storeSignature(
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
      const record = await storedCredential(id);
      if (record.format !== 'jwt_vc_json') {
        throw new TypeError(`credential ${id} is ${record.format}, not a JWT to complete`);
      }
      return record;
    },
    async completeFieldCredential(id, secured) {
      const row = await selectCredential(kysely, id);
      if (!row) throw new SkillproofError('NOT_FOUND', `no credential ${id}`);
      if (row.format === 'jwt_vc_json') {
        throw new TypeError(
          `credential ${id} is a JWT credential; complete it with completeCredential`,
        );
      }
      // As for a JWT: only a pending credential takes a signature, so the first one stored stays.
      await storeSignature(id, row.format, secured.jwt, secured.credential);
      const record = await storedCredential(id);
      if (record.format === 'jwt_vc_json') throw new TypeError(`credential ${id} changed format`);
      return record;
    },
    async listPendingCredentials() {
      const rows = await kysely
        .selectFrom('issuer_credentials')
        .select(credentialColumns)
        .where('signed', '=', 0)
        .orderBy('issued_at')
        .orderBy('id')
        .execute();
      return rows.map(toPending);
    },
    async findAwardedCredential(subjectDid, achievementId) {
      return findAward(kysely, subjectDid, achievementId);
    },
    async listAwardedCredentials(subjectDid) {
      return (await selectAwards(kysely, subjectDid).execute()).map(toAward);
    },
    async findCredential(id) {
      const row = await selectCredential(kysely, id);
      return row && toCredential(row);
    },
    async saveCredential(record) {
      await kysely.transaction().execute(async (trx) => {
        await insertRow(trx, {
          id: record.id,
          subject_did: record.subjectDid,
          achievement_id: record.achievementId,
          attempt_id: record.attemptId,
          jwt: record.jwt,
          json: record.credential,
          issued_at: record.issuedAt,
          format: record.format,
          signed: 1,
        });
        await transparencyLog?.appendIssuance(
          trx,
          record.id,
          {
            format: record.format,
            jwt: record.jwt,
            credential: record.credential as unknown as Record<string, unknown>,
          },
          now().toISOString(),
        );
      });
    },
  };
}
