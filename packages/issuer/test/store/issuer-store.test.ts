import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import {
  createIssuerStore,
  issuerMigrations,
  type IssuedCredentialRecord,
  type IssuerStore,
} from '../../src/index.js';

const did = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const achievementId = 'https://academy.test/achievements/git-basics';

function credentialRecord(id: string, attemptId: string | null): IssuedCredentialRecord {
  return {
    id,
    subjectDid: did,
    achievementId,
    attemptId,
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

describe('createIssuerStore (SQLite)', () => {
  let db: SqliteDatabase;
  let store: IssuerStore;

  beforeEach(() => {
    db = openDatabase(':memory:');
    store = createIssuerStore(db);
  });

  afterEach(() => {
    db.close();
  });

  it('runs its migrations once', () => {
    expect(() => createIssuerStore(db)).not.toThrow();
    const versions = db
      .prepare("SELECT version FROM schema_migrations WHERE scope = 'issuer'")
      .all() as Array<{ version: number }>;
    expect(versions.map((row) => row.version)).toEqual(
      issuerMigrations.map((migration) => migration.version),
    );
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
    expect(db.prepare('SELECT COUNT(*) AS n FROM issuer_sessions').get()).toEqual({ n: 0 });
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

  it('records a grade once, with its credential, atomically', async () => {
    await store.saveAttempt({
      id: 'a1',
      did,
      badge: 'git-basics',
      attemptNumber: 1,
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:30:00.000Z',
    });
    const grade = {
      attemptId: 'a1',
      gradedAt: '2030-01-01T00:10:00.000Z',
      score: 100,
      correct: 4,
      total: 4,
      passed: true,
    };
    const awarded = await store.recordGrade({
      ...grade,
      credential: credentialRecord('urn:uuid:1', 'a1'),
    });
    expect(awarded?.id).toBe('urn:uuid:1');
    expect(await store.findAttempt('a1')).toMatchObject({
      passed: true,
      score: 100,
      credentialId: 'urn:uuid:1',
    });
    await expect(store.recordGrade(grade)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps the first badge when a second pass races in', async () => {
    for (const [index, id] of ['a1', 'a2'].entries()) {
      await store.saveAttempt({
        id,
        did,
        badge: 'git-basics',
        attemptNumber: index + 1,
        createdAt: '2030-01-01T00:00:00.000Z',
        expiresAt: '2030-01-01T00:30:00.000Z',
      });
    }
    const grade = {
      gradedAt: '2030-01-01T00:10:00.000Z',
      score: 100,
      correct: 4,
      total: 4,
      passed: true,
    };
    await store.recordGrade({
      ...grade,
      attemptId: 'a1',
      credential: credentialRecord('urn:uuid:first', 'a1'),
    });
    const second = await store.recordGrade({
      ...grade,
      attemptId: 'a2',
      credential: credentialRecord('urn:uuid:second', 'a2'),
    });
    expect(second?.id).toBe('urn:uuid:first');
    expect(await store.findCredential('urn:uuid:second')).toBeUndefined();
    expect(await store.findAttempt('a2')).toMatchObject({ credentialId: 'urn:uuid:first' });
  });

  it('replaces a badge that has expired with the new pass, keeping the old one stored', async () => {
    const expiring = (id: string, attemptId: string, expirationDate: string) => {
      const record = credentialRecord(id, attemptId);
      return { ...record, credential: { ...record.credential, expirationDate } };
    };
    for (const [index, id] of ['a1', 'a2', 'a3'].entries()) {
      await store.saveAttempt({
        id,
        did,
        badge: 'git-basics',
        attemptNumber: index + 1,
        createdAt: '2030-01-01T00:00:00.000Z',
        expiresAt: '2034-01-01T00:30:00.000Z',
      });
    }
    const pass = { score: 100, correct: 4, total: 4, passed: true };
    await store.recordGrade({
      ...pass,
      attemptId: 'a1',
      gradedAt: '2030-01-01T00:10:00.000Z',
      credential: expiring('urn:uuid:old', 'a1', '2032-01-01T00:10:00Z'),
    });
    // At the very second it expires, the old badge no longer stands.
    const renewed = await store.recordGrade({
      ...pass,
      attemptId: 'a2',
      gradedAt: '2032-01-01T00:10:00.000Z',
      credential: expiring('urn:uuid:new', 'a2', '2034-01-01T00:10:00Z'),
    });
    expect(renewed?.id).toBe('urn:uuid:new');
    expect((await store.findAwardedCredential(did, achievementId))?.id).toBe('urn:uuid:new');
    expect((await store.listAwardedCredentials(did)).map((record) => record.id)).toEqual([
      'urn:uuid:new',
    ]);
    expect((await store.findCredential('urn:uuid:old'))?.jwt).toBe('jwt-of-urn:uuid:old');

    // The renewed badge stands in turn: a pass before it expires returns it.
    const again = await store.recordGrade({
      ...pass,
      attemptId: 'a3',
      gradedAt: '2033-01-01T00:00:00.000Z',
      credential: expiring('urn:uuid:newer', 'a3', '2035-01-01T00:00:00Z'),
    });
    expect(again?.id).toBe('urn:uuid:new');
    expect(await store.findCredential('urn:uuid:newer')).toBeUndefined();
  });

  it('rolls the grade back when the credential cannot be written', async () => {
    await store.saveCredential(credentialRecord('urn:uuid:taken', null));
    await store.saveAttempt({
      id: 'a3',
      did: 'did:key:someone-else',
      badge: 'git-basics',
      attemptNumber: 1,
      createdAt: '2030-01-01T00:00:00.000Z',
      expiresAt: '2030-01-01T00:30:00.000Z',
    });
    const clash = {
      ...credentialRecord('urn:uuid:taken', 'a3'),
      subjectDid: 'did:key:someone-else',
    };
    await expect(
      store.recordGrade({
        attemptId: 'a3',
        gradedAt: '2030-01-01T00:10:00.000Z',
        score: 100,
        correct: 4,
        total: 4,
        passed: true,
        credential: clash,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.findAttempt('a3')).toMatchObject({ gradedAt: null, passed: null });
  });

  it('refuses a second credential with the same id', async () => {
    await store.saveCredential(credentialRecord('urn:uuid:dup', null));
    await expect(
      store.saveCredential(credentialRecord('urn:uuid:dup', null)),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
