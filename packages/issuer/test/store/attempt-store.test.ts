import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { createIssuerStore, issuerMigrations, type IssuerStore } from '../../src/index.js';

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

describe('the issuer store: attempts', () => {
  let db: SqliteDatabase;
  let store: IssuerStore;

  beforeEach(() => {
    db = openDatabase(':memory:');
    store = createIssuerStore(db);
  });

  afterEach(() => {
    db.close();
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
    const row = db.prepare('SELECT answers_json FROM issuer_attempts').get() as {
      answers_json: string;
    };
    expect(JSON.parse(row.answers_json)).toEqual({ q1: 'b' });
    for (const attempt of [await store.findAttempt('a1'), ...(await store.listAttempts(did))]) {
      expect(JSON.stringify(attempt)).not.toContain('q1');
    }
  });

  it('numbers the attempts of a version-1 database when migrating', () => {
    const old = openDatabase(':memory:');
    try {
      migrate(old, 'issuer', issuerMigrations.slice(0, 1));
      const insert = old.prepare(
        'INSERT INTO issuer_attempts (id, did, badge, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      );
      insert.run('late', did, 'git-basics', '2030-01-01T00:09:00.000Z', '2030-01-01T01:00:00.000Z');
      insert.run(
        'early',
        did,
        'git-basics',
        '2030-01-01T00:01:00.000Z',
        '2030-01-01T01:00:00.000Z',
      );
      insert.run(
        'other',
        did,
        'sql-basics',
        '2030-01-01T00:05:00.000Z',
        '2030-01-01T01:00:00.000Z',
      );
      createIssuerStore(old);
      const rows = old
        .prepare('SELECT id, attempt_number FROM issuer_attempts ORDER BY id')
        .all() as Array<{ id: string; attempt_number: number }>;
      expect(rows).toEqual([
        { id: 'early', attempt_number: 1 },
        { id: 'late', attempt_number: 2 },
        { id: 'other', attempt_number: 1 },
      ]);
    } finally {
      old.close();
    }
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
