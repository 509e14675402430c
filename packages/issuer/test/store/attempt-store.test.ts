import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { migrateDatabase } from '@skillproof/server/database';
import { testDatabaseEngines } from '@skillproof/testing';
import { createIssuerStore, issuerMigrations, type IssuerStore } from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../fixtures/test-database.js';

const did = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

function newAttempt(id: string, attemptNumber: number, badge = 'git-basics', learner = did) {
  return {
    id,
    did: learner,
    badge,
    attemptNumber,
    createdAt: `2030-01-01T00:0${attemptNumber}:00.000Z`,
    expiresAt: '2030-01-01T01:00:00.000Z',
  };
}

describe.each(testDatabaseEngines())('the issuer store on %s: attempts', (engine) => {
  let db: TestDatabase;
  let store: IssuerStore;

  beforeEach(async () => {
    db = await openTestDatabase(engine);
    store = await createIssuerStore(db);
  });

  afterEach(async () => {
    await db.close();
  });

  it('lists a learner’s attempts, per badge or all, in order', async () => {
    await store.saveAttempt(newAttempt('a2', 2));
    await store.saveAttempt(newAttempt('a1', 1));
    await store.saveAttempt(newAttempt('h1', 1, 'russian-history-1'));
    await store.saveAttempt(newAttempt('x1', 1, 'git-basics', 'did:key:z6Mkother'));
    expect((await store.listAttempts(did, 'git-basics')).map((a) => a.id)).toEqual(['a1', 'a2']);
    expect((await store.listAttempts(did)).map((a) => a.id)).toEqual(['a1', 'a2', 'h1']);
    expect(await store.findAttempt('a2')).toMatchObject({ attemptNumber: 2, gradedAt: null });
  });

  it('refuses a second attempt with the same number (CONFLICT), writing nothing', async () => {
    await store.saveAttempt(newAttempt('a1', 1));
    await expect(store.saveAttempt(newAttempt('b1', 1))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await store.findAttempt('b1')).toBeUndefined();
  });

  it('stores the answers with the grade but never reads them back', async () => {
    await store.saveAttempt(newAttempt('a1', 1));
    await store.recordGrade({
      attemptId: 'a1',
      gradedAt: '2030-01-01T00:10:00.000Z',
      score: 0,
      correct: 0,
      total: 4,
      passed: false,
      answers: { q1: 'b' },
    });
    const { rows } = await sql<{
      answers_json: string;
    }>`SELECT answers_json FROM issuer_attempts`.execute(db.kysely);
    expect(JSON.parse(rows[0]?.answers_json ?? 'null')).toEqual({ q1: 'b' });
    for (const attempt of [await store.findAttempt('a1'), ...(await store.listAttempts(did))]) {
      expect(JSON.stringify(attempt)).not.toContain('q1');
    }
  });

  it('numbers the attempts of a version-1 database when migrating', async () => {
    const old = await openTestDatabase(engine);
    try {
      await migrateDatabase(old, 'issuer', issuerMigrations.slice(0, 1));
      const insert = (id: string, badge: string, createdAt: string) =>
        sql`INSERT INTO issuer_attempts (id, did, badge, created_at, expires_at)
          VALUES (${id}, ${did}, ${badge}, ${createdAt}, '2030-01-01T01:00:00.000Z')`.execute(
          old.kysely,
        );
      await insert('late', 'git-basics', '2030-01-01T00:09:00.000Z');
      await insert('early', 'git-basics', '2030-01-01T00:01:00.000Z');
      await insert('other', 'sql-basics', '2030-01-01T00:05:00.000Z');
      await createIssuerStore(old);
      const { rows } = await sql<{ id: string; attempt_number: number }>`
        SELECT id, attempt_number FROM issuer_attempts ORDER BY id`.execute(old.kysely);
      expect(rows).toEqual([
        { id: 'early', attempt_number: 1 },
        { id: 'late', attempt_number: 2 },
        { id: 'other', attempt_number: 1 },
      ]);
    } finally {
      await old.close();
    }
  });

  it('takes one answer submission per attempt when two instances race', async () => {
    await store.saveAttempt(newAttempt('a1', 1));
    const instances = [store, await createIssuerStore(db.another())];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        (instances[index % 2] as IssuerStore).recordGrade({
          attemptId: 'a1',
          gradedAt: '2030-01-01T00:10:00.000Z',
          score: index,
          correct: 0,
          total: 4,
          passed: false,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'CONFLICT' });
    }
  });

  it('starts one attempt of a number when two instances race', async () => {
    const instances = [store, await createIssuerStore(db.another())];
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        (instances[index % 2] as IssuerStore).saveAttempt(newAttempt(`r${index}`, 1)),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await store.listAttempts(did, 'git-basics')).toHaveLength(1);
  });

  it('lists the badges a learner earned through attempts, not VC-API credentials', async () => {
    const record = (id: string, attemptId: string | null) => ({
      id,
      subjectDid: did,
      achievementId: `https://academy.test/achievements/${id}`,
      attemptId,
      format: 'jwt_vc_json' as const,
      jwt: 'x.y.z',
      credential: { proof: { type: 'JwtProof2020', jwt: 'x.y.z' } } as never,
      issuedAt: '2030-01-01T00:00:00.000Z',
    });
    await store.saveAttempt(newAttempt('a1', 1));
    await store.saveCredential(record('earned', 'a1'));
    await store.saveCredential(record('vc-api', null));
    expect((await store.listAwardedCredentials(did)).map((c) => c.id)).toEqual(['earned']);
  });
});
