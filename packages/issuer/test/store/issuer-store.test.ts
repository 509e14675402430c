import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { JwtVerifiableCredential } from '@skillproof/core';
import { databaseFromSqlite, migrateDatabase, type Database } from '@skillproof/server/database';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { testDatabaseEngines } from '@skillproof/testing';
import {
  createIssuerStore,
  createStatusListStore,
  issuerMigrations,
  type AwardDecision,
  type AwardRecord,
  type AwardRequest,
  type IssuedCredentialRecord,
  type IssuerStore,
  type NewCredential,
  type PendingCredentialRecord,
} from '../../src/index.js';
import { countRows } from '../fixtures/count-rows.js';
import { openTestDatabase } from '../fixtures/test-database.js';

const did = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const achievementId = 'https://academy.test/achievements/git-basics';

function credentialRecord(id: string, attemptId: string | null): IssuedCredentialRecord {
  return {
    id,
    subjectDid: did,
    achievementId,
    attemptId,
    format: 'jwt_vc_json',
    jwt: `jwt-of-${id}`,
    credential: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      id,
      type: ['VerifiableCredential'],
      issuer: 'did:key:issuer',
      credentialSubject: { id: did },
      proof: { type: 'JwtProof2020', jwt: `jwt-of-${id}` },
    },
    issuedAt: '2030-01-01T00:00:00.000Z',
  };
}

// A SQLite file made by an earlier release opens and carries on (the same steps, the same SQL).
describe('createIssuerStore on an existing SQLite file', () => {
  let db: SqliteDatabase;

  beforeEach(() => {
    db = openDatabase(':memory:');
  });

  afterEach(() => {
    db.close();
  });

  it('runs its migrations once', async () => {
    await createIssuerStore(db);
    await createIssuerStore(db);
    const versions = db
      .prepare("SELECT version FROM schema_migrations WHERE scope = 'issuer'")
      .all() as Array<{ version: number }>;
    expect(versions.map((row) => row.version)).toEqual(
      issuerMigrations.map((migration) => migration.version),
    );
  });

  it('keeps every credential and attempt when a version-4 database lets jwt go NULL (v5)', async () => {
    const old = openDatabase(':memory:');
    try {
      await migrateDatabase(databaseFromSqlite(old), 'issuer', issuerMigrations.slice(0, 4));
      old
        .prepare(
          `INSERT INTO issuer_credentials (id, subject_did, achievement_id, attempt_id, jwt, json,
             issued_at, renewed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run('urn:uuid:old', did, achievementId, 'a1', 'x.y.z', '{}', '2030-01-01T00:00:00Z', null);
      old
        .prepare(
          `INSERT INTO issuer_attempts (id, did, badge, created_at, expires_at, graded_at, score,
             correct, total, passed, credential_id, attempt_number, answers_json)
           VALUES ('a1', ?, 'git-basics', '2030-01-01T00:00:00Z', '2030-01-01T00:30:00Z',
             '2030-01-01T00:10:00Z', 100, 4, 4, 1, 'urn:uuid:old', 1, '{"q1":"c"}')`,
        )
        .run(did);
      const before = {
        credentials: old.prepare('SELECT * FROM issuer_credentials').all(),
        attempts: old.prepare('SELECT * FROM issuer_attempts').all(),
      };
      await createIssuerStore(old);
      // v6 adds a format and a signed flag: a credential with a JWT was signed, as a JWT; v8 a
      // link to its transparency log entry (none for a credential issued before the log).
      expect(old.prepare('SELECT * FROM issuer_credentials').all()).toEqual(
        before.credentials.map((row) => ({
          ...(row as object),
          format: 'jwt_vc_json',
          signed: 1,
          log_leaf_index: null,
        })),
      );
      expect(old.prepare('SELECT * FROM issuer_attempts').all()).toEqual(before.attempts);
      expect(old.pragma('foreign_key_check')).toEqual([]);
      const indexes = (
        old
          .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
          .all() as {
          name: string;
        }[]
      ).map((row) => row.name);
      expect(indexes).toEqual(
        expect.arrayContaining([
          'issuer_credentials_award',
          'issuer_attempts_did',
          'issuer_attempts_number',
        ]),
      );
      // The attempt still refers to its credential, and a pending one (jwt NULL) can be stored.
      expect(() =>
        old.prepare("UPDATE issuer_attempts SET credential_id = 'urn:uuid:none'").run(),
      ).toThrow(/FOREIGN KEY/);
      old
        .prepare(
          "INSERT INTO issuer_credentials (id, jwt, json, issued_at) VALUES ('urn:uuid:p', NULL, '{}', 'x')",
        )
        .run();
    } finally {
      old.close();
    }
  });
});

// The store's contract on every engine the run has (SQLite always; PostgreSQL when
// SKILLPROOF_TEST_DATABASE_URL is set, as in CI), each test on a database of its own.
describe.each(testDatabaseEngines())('createIssuerStore on %s', (engine) => {
  let db: Database;
  let store: IssuerStore;

  beforeEach(async () => {
    db = await openTestDatabase(engine);
    store = await createIssuerStore(db);
  });

  afterEach(async () => {
    await db.close();
  });

  it('consumes a challenge for exactly one session', async () => {
    await store.saveChallenge({
      challenge: 'c1',
      did,
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:05:00.000Z',
    });
    const session = (tokenHash: string) => ({
      tokenHash,
      did,
      createdAt: '2030-01-01T00:01:00.000Z',
      expiresAt: '2030-01-01T01:01:00.000Z',
    });
    expect(
      await store.consumeChallengeForSession('c1', '2030-01-01T00:01:00.000Z', session('t1')),
    ).toBe(true);
    expect(
      await store.consumeChallengeForSession('c1', '2030-01-01T00:01:00.000Z', session('t2')),
    ).toBe(false);
    expect(await store.findSession('t1', '2030-01-01T00:30:00.000Z')).toMatchObject({ did });
    expect(await store.findSession('t2', '2030-01-01T00:30:00.000Z')).toBeUndefined();
    expect(await store.findSession('t1', '2030-01-01T01:01:00.000Z')).toBeUndefined();
  });

  it('refuses a challenge for another DID or after expiry, writing nothing', async () => {
    await store.saveChallenge({
      challenge: 'c2',
      did,
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:05:00.000Z',
    });
    const other = {
      tokenHash: 'x',
      did: 'did:key:other',
      createdAt: '2030-01-01T00:01:00.000Z',
      expiresAt: '2030-01-01T01:00:00.000Z',
    };
    expect(await store.consumeChallengeForSession('c2', '2030-01-01T00:01:00.000Z', other)).toBe(
      false,
    );
    const late = { ...other, tokenHash: 'y', did };
    expect(await store.consumeChallengeForSession('c2', '2030-01-01T00:05:00.000Z', late)).toBe(
      false,
    );
    expect(await countRows(db, 'issuer_sessions')).toBe(0);
    expect((await store.findChallenge('c2'))?.consumedAt).toBeNull();
  });

  it('forgets expired challenges when saving new ones', async () => {
    await store.saveChallenge({
      challenge: 'old',
      did,
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:05:00.000Z',
    });
    await store.saveChallenge({
      challenge: 'new',
      did,
      createdAt: '2030-01-01T00:10:00.000Z',
      expiresAt: '2030-01-01T00:15:00.000Z',
    });
    expect(await store.findChallenge('old')).toBeUndefined();
    expect(await store.findChallenge('new')).toBeDefined();
  });

  async function startAttempts(...ids: string[]): Promise<void> {
    for (const [index, id] of ids.entries()) {
      await store.saveAttempt({
        id,
        did,
        badge: 'git-basics',
        attemptNumber: index + 1,
        createdAt: '2030-01-01T00:00:00.000Z',
        expiresAt: '2034-01-01T00:30:00.000Z',
      });
    }
  }

  const pass = { score: 100, correct: 4, total: 4, passed: true };

  /** A credential to reserve: `build` puts the allocated entries in, as the domain does. */
  function newCredential(id: string, expirationDate?: string): NewCredential {
    return {
      id,
      subjectDid: did,
      achievementId,
      issuedAt: '2030-01-01T00:10:00.000Z',
      build: (allocations) => ({
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        id,
        type: ['VerifiableCredential'],
        issuer: 'did:key:issuer',
        issuanceDate: '2030-01-01T00:10:00Z',
        ...(expirationDate === undefined ? {} : { expirationDate }),
        credentialSubject: { id: did },
        credentialStatus: allocations.map((allocation) => ({ ...allocation })),
      }),
    };
  }

  /** An award request that records what `decide` saw and answers `decision`. */
  function awardOf(decision: AwardDecision, seen: (AwardRecord | undefined)[] = []): AwardRequest {
    return {
      subjectDid: did,
      achievementId,
      decide(current) {
        seen.push(current);
        return decision;
      },
    };
  }

  /**
   * Attempts a1 and a2, a1 passed and awarded urn:uuid:first: where the decisions about a2 start.
   * Returns the time a1 was graded at, at which the tests grade a2 too.
   */
  async function awardFirstOfTwo(): Promise<string> {
    await startAttempts('a1', 'a2');
    const gradedAt = '2030-01-01T00:10:00.000Z';
    await store.recordGrade(
      { ...pass, attemptId: 'a1', gradedAt },
      awardOf({ kind: 'issue', credential: newCredential('urn:uuid:first') }),
    );
    return gradedAt;
  }

  const signed = (record: PendingCredentialRecord): JwtVerifiableCredential => ({
    ...record.credential,
    proof: { type: 'JwtProof2020' as const, jwt: `jwt-of-${record.id}` },
  });

  const countEntries = () => countRows(db, 'issuer_status_entries');

  it('records a grade once and reserves the new credential with its status entries, atomically', async () => {
    await startAttempts('a1');
    const grade = { ...pass, attemptId: 'a1', gradedAt: '2030-01-01T00:10:00.000Z' };
    const recorded = await store.recordGrade(
      grade,
      awardOf({ kind: 'issue', credential: newCredential('urn:uuid:1') }),
    );
    expect(recorded).toMatchObject({
      current: undefined,
      decision: 'issue',
      awarded: { id: 'urn:uuid:1', jwt: null, attemptId: 'a1' },
    });
    // One revocation and one suspension entry, carried by the reserved credential.
    expect(await countEntries()).toBe(2);
    expect(recorded.awarded?.credential.credentialStatus).toHaveLength(2);
    expect(await store.findAttempt('a1')).toMatchObject({
      passed: true,
      score: 100,
      credentialId: 'urn:uuid:1',
    });
    expect((await store.listPendingCredentials()).map((record) => record.id)).toEqual([
      'urn:uuid:1',
    ]);
    await expect(store.recordGrade(grade)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('completes a pending credential once: the first signature stored is the one kept', async () => {
    await startAttempts('a1');
    const { awarded } = await store.recordGrade(
      { ...pass, attemptId: 'a1', gradedAt: '2030-01-01T00:10:00.000Z' },
      awardOf({ kind: 'issue', credential: newCredential('urn:uuid:1') }),
    );
    const pending = awarded as PendingCredentialRecord;
    const first = await store.completeCredential(pending.id, signed(pending));
    expect(first).toMatchObject({ id: 'urn:uuid:1', jwt: 'jwt-of-urn:uuid:1' });
    const late = {
      ...signed(pending),
      proof: { type: 'JwtProof2020' as const, jwt: 'another.jwt.x' },
    };
    expect(await store.completeCredential(pending.id, late)).toEqual(first);
    expect(await store.listPendingCredentials()).toEqual([]);
    expect(await store.findAwardedCredential(did, achievementId)).toMatchObject({
      id: 'urn:uuid:1',
      jwt: 'jwt-of-urn:uuid:1',
      revoked: false,
      suspended: false,
    });
    // A signature is stored only for the credential it signs.
    await expect(store.completeCredential('urn:uuid:other', late)).rejects.toThrow(TypeError);
  });

  it('keeps the current badge when decide says so, allocating nothing', async () => {
    const gradedAt = await awardFirstOfTwo();
    const entries = await countEntries();
    const seen: (AwardRecord | undefined)[] = [];
    const second = await store.recordGrade(
      { ...pass, attemptId: 'a2', gradedAt },
      awardOf({ kind: 'keep' }, seen),
    );
    expect(seen.map((award) => award?.id)).toEqual(['urn:uuid:first']);
    expect(second).toMatchObject({ decision: 'keep', awarded: { id: 'urn:uuid:first' } });
    expect(await countEntries()).toBe(entries);
    expect(await store.findAttempt('a2')).toMatchObject({ credentialId: 'urn:uuid:first' });
  });

  it('withholds when decide says so: the grade is recorded, nothing allocated or linked', async () => {
    const gradedAt = await awardFirstOfTwo();
    const entries = await countEntries();
    const withheld = await store.recordGrade(
      { ...pass, attemptId: 'a2', gradedAt },
      awardOf({ kind: 'withhold' }),
    );
    expect(withheld).toMatchObject({
      current: { id: 'urn:uuid:first' },
      decision: 'withhold',
      awarded: undefined,
    });
    expect(await countEntries()).toBe(entries);
    expect(await store.findAttempt('a2')).toMatchObject({ passed: true, credentialId: null });
  });

  it('shows decide the current badge with its revocation and suspension bits', async () => {
    const gradedAt = await awardFirstOfTwo();
    const lists = createStatusListStore(db);
    await lists.setStatus('urn:uuid:first', [{ purpose: 'suspension', status: true }], gradedAt);
    const seen: (AwardRecord | undefined)[] = [];
    await store.recordGrade(
      { ...pass, attemptId: 'a2', gradedAt },
      awardOf({ kind: 'withhold' }, seen),
    );
    expect(seen[0]).toMatchObject({ id: 'urn:uuid:first', revoked: false, suspended: true });
  });

  it('replaces the current badge with a new one when decide issues again, keeping the old one stored', async () => {
    await startAttempts('a1', 'a2');
    await store.recordGrade(
      { ...pass, attemptId: 'a1', gradedAt: '2030-01-01T00:10:00.000Z' },
      awardOf({ kind: 'issue', credential: newCredential('urn:uuid:old', '2032-01-01T00:10:00Z') }),
    );
    const renewed = await store.recordGrade(
      { ...pass, attemptId: 'a2', gradedAt: '2032-01-01T00:10:00.000Z' },
      awardOf({ kind: 'issue', credential: newCredential('urn:uuid:new', '2034-01-01T00:10:00Z') }),
    );
    expect(renewed).toMatchObject({
      current: { id: 'urn:uuid:old' },
      awarded: { id: 'urn:uuid:new' },
    });
    expect((await store.findAwardedCredential(did, achievementId))?.id).toBe('urn:uuid:new');
    expect((await store.listAwardedCredentials(did)).map((record) => record.id)).toEqual([
      'urn:uuid:new',
    ]);
    expect((await store.findCredential('urn:uuid:old'))?.id).toBe('urn:uuid:old');
    expect(await countEntries()).toBe(4);
  });

  it('rolls the grade and the status entries back when the credential cannot be written', async () => {
    await store.saveCredential(credentialRecord('urn:uuid:taken', null));
    await startAttempts('a3');
    await expect(
      store.recordGrade(
        { ...pass, attemptId: 'a3', gradedAt: '2030-01-01T00:10:00.000Z' },
        awardOf({ kind: 'issue', credential: newCredential('urn:uuid:taken') }),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.findAttempt('a3')).toMatchObject({ gradedAt: null, passed: null });
    expect(await countEntries()).toBe(0);
  });

  it('reserves a VC-API credential with its entries, or nothing when its id is taken', async () => {
    const reserved = await store.reserveCredential(newCredential('urn:uuid:vc'));
    expect(reserved).toMatchObject({ id: 'urn:uuid:vc', attemptId: null, jwt: null });
    expect(await countEntries()).toBe(2);
    await expect(store.reserveCredential(newCredential('urn:uuid:vc'))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await countEntries()).toBe(2);
  });

  it('refuses a second credential with the same id', async () => {
    await store.saveCredential(credentialRecord('urn:uuid:dup', null));
    await expect(
      store.saveCredential(credentialRecord('urn:uuid:dup', null)),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
