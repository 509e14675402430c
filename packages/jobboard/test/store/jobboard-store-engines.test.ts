import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDatabaseReadiness, type Database } from '@skillproof/server/database';
import {
  checkJobboardReadiness,
  createJobboardStore,
  migrateJobboardDatabase,
  type ApplicationRecord,
  type JobboardStore,
  type RateLimitStore,
} from '@skillproof/jobboard';
import { testDatabaseEngines } from '@skillproof/testing';
import { storedPosting } from '../fixtures/stored-posting.js';
import { openTestDatabase } from '../fixtures/test-database.js';

// The store's contract on every engine the run has (SQLite always; PostgreSQL when
// SKILLPROOF_TEST_DATABASE_URL is set, as in CI): each engine's suite has a database of its own.
// On PostgreSQL the concurrent calls below run on separate pooled connections, so single use is
// decided by the database's row locks, not by one process's event loop.

const t0 = '2026-11-26T12:00:00.000Z';
const t1 = '2026-11-26T12:10:00.000Z';

function applicationFor(
  id: string,
  nonce: string,
  postingId: string,
  holder = 'did:key:z6MkLearner',
): ApplicationRecord {
  return {
    id,
    postingId,
    holder,
    qualified: true,
    requirements: [
      {
        id: 'r1',
        type: 'badge',
        achievementId: 'x',
        met: true,
        code: 'met',
        reason: 'met',
        credentials: [],
      },
    ],
    checks: [{ id: 'signature', ok: true }],
    createdAt: t0,
    presentationJwt: 'header.payload.signature',
    nonce,
    evidence: [{ index: 0, verified: true, errors: [] }],
  };
}

describe.each(testDatabaseEngines())('the job board store on %s', (engine) => {
  let database: Database;
  let store: JobboardStore & RateLimitStore;
  let postings = 0;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    store = await createJobboardStore(database);
    await store.insertEmployer({
      id: 'e1',
      name: 'Acme',
      email: 'hr@acme.test',
      tokenHash: 'hash-1',
      passwordHash: 'scrypt$x',
      passwordChangeRequired: true,
      createdAt: t0,
    });
  });
  afterAll(() => database.close());

  /** A posting of its own for one test, with a nonce per name open until t1. */
  async function freshPosting(nonces: string[] = []): Promise<string> {
    postings += 1;
    const id = `p${postings}`;
    await store.insertPosting(storedPosting(id));
    for (const nonce of nonces) {
      await store.insertPresentationNonce({
        nonce: `${id}-${nonce}`,
        postingId: id,
        createdAt: t0,
        expiresAt: t1,
      });
    }
    return id;
  }

  it('is migrated and ready, and migrating again (from several callers at once) applies nothing', async () => {
    expect(await checkJobboardReadiness(database)).toEqual({ ready: true });
    // The store made its own tables; the board identity's (scope agent) are new here: of three
    // callers at once, exactly one makes them.
    const again = await Promise.all([1, 2, 3].map(() => migrateJobboardDatabase(database)));
    expect(again.map((applied) => applied.jobboard.length + applied['rate-limits'].length)).toEqual(
      [0, 0, 0],
    );
    expect(again.map((applied) => applied.agent).sort()).toEqual([[], [], [1]]);
    expect(await checkDatabaseReadiness(database, { jobboard: 99 })).toMatchObject({
      ready: false,
      reason: expect.stringContaining('run migrate'),
    });
  });

  it('consumes a nonce once, only for its posting, only before it expires', async () => {
    const posting = await freshPosting(['n']);
    const other = await freshPosting();
    const nonce = `${posting}-n`;
    expect(await store.consumePresentationNonce(nonce, other, t0)).toBe(false);
    expect(await store.consumePresentationNonce('unknown', posting, t0)).toBe(false);
    expect(await store.consumePresentationNonce(nonce, posting, t1)).toBe(false);
    expect(await store.isPresentationNonceOpen(nonce, posting, t0)).toBe(true);
    expect(await store.consumePresentationNonce(nonce, posting, t0)).toBe(true);
    expect(await store.consumePresentationNonce(nonce, posting, t0)).toBe(false);
    expect(await store.isPresentationNonceOpen(nonce, posting, t0)).toBe(false);
  });

  it('decides a 50-way race for one nonce exactly once', async () => {
    const posting = await freshPosting(['race']);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        store.insertApplication(
          applicationFor(`${posting}-a${index}`, `${posting}-race`, posting, `did:key:z${index}`),
          t0,
        ),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.listApplications(posting)).toHaveLength(1);
  });

  it('keeps one current application per person when their applications race, the rest as history', async () => {
    const nonces = Array.from({ length: 8 }, (_, index) => `n${index}`);
    const posting = await freshPosting(nonces);
    const results = await Promise.all(
      nonces.map((nonce) =>
        store.insertApplication(
          applicationFor(`${posting}-${nonce}`, `${posting}-${nonce}`, posting),
          t0,
        ),
      ),
    );
    expect(results).toEqual(nonces.map(() => true));
    const listed = await store.listApplications(posting);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.history).toHaveLength(7);
    expect((await store.findApplication(posting, `${posting}-n0`))?.id).toBe(listed[0]?.id);
  });

  it('answers an OpenID4VP request once, with its application, and never after it expired', async () => {
    const posting = await freshPosting();
    const request = (id: string, expiresAt = t1) => ({
      id,
      postingId: posting,
      nonce: `${id}-nonce`,
      state: `${id}-state`,
      createdAt: t0,
      expiresAt,
    });
    await store.insertOpenid4vpRequest(request(`${posting}-q1`));
    await store.insertOpenid4vpRequest(request(`${posting}-q2`, t0));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.insertOpenid4vpApplication(
          `${posting}-q1`,
          applicationFor(
            `${posting}-x${index}`,
            `${posting}-q1-nonce`,
            posting,
            `did:key:z${index}`,
          ),
          t0,
        ),
      ),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    const answered = await store.findOpenid4vpRequest(`${posting}-q1`);
    expect(answered).toMatchObject({ consumedAt: t0, qualified: true });
    expect(answered?.applicationId).toMatch(new RegExp(`^${posting}-x`));
    expect(
      await store.insertOpenid4vpApplication(
        `${posting}-q2`,
        applicationFor(`${posting}-late`, `${posting}-q2-nonce`, posting),
        t0,
      ),
    ).toBe(false);
    // The refused answer left the request's nonce open: nothing of it was written.
    expect(
      await store.isPresentationNonceOpen(
        `${posting}-q2-nonce`,
        posting,
        '2026-01-01T00:00:00.000Z',
      ),
    ).toBe(true);
    expect(await store.findOpenid4vpRequest(`${posting}-q2`)).not.toHaveProperty('consumedAt');
  });

  it('lists postings newest first, those of one instant in the order they were stored', async () => {
    const before = (await store.listPostings()).map((posting) => posting.id);
    await store.insertPosting({
      ...storedPosting('late-a'),
      createdAt: '2027-01-01T00:00:00.000Z',
    });
    await store.insertPosting({
      ...storedPosting('late-b'),
      createdAt: '2027-01-01T00:00:00.000Z',
    });
    expect((await store.listPostings()).map((posting) => posting.id)).toEqual([
      'late-b',
      'late-a',
      ...before,
    ]);
    expect((await store.findPosting('late-a'))?.presentation_definition).toEqual(
      storedPosting('late-a').presentation_definition,
    );
  });

  it('keeps employers, passwords and sessions', async () => {
    expect(await store.findEmployerByTokenHash('hash-1')).toEqual({
      id: 'e1',
      name: 'Acme',
      email: 'hr@acme.test',
      createdAt: t0,
    });
    expect(await store.findEmployerAccountByEmail('hr@acme.test')).toMatchObject({
      passwordHash: 'scrypt$x',
      passwordChangeRequired: true,
    });
    await store.setEmployerPassword('e1', 'scrypt$y');
    expect(await store.findEmployerAccountByEmail('hr@acme.test')).toMatchObject({
      passwordHash: 'scrypt$y',
      passwordChangeRequired: false,
    });
    for (const tokenHash of ['s1', 's2', 's3']) {
      await store.insertEmployerSession({
        tokenHash,
        employerId: 'e1',
        csrfToken: `csrf-${tokenHash}`,
        createdAt: t0,
        expiresAt: tokenHash === 's3' ? t0 : t1,
      });
    }
    expect(await store.findEmployerSession('s1', t0)).toMatchObject({
      csrfToken: 'csrf-s1',
      employer: { id: 'e1', name: 'Acme' },
      passwordChangeRequired: false,
    });
    expect(await store.findEmployerSession('s3', t0)).toBeUndefined();
    expect(await store.deleteExpiredEmployerSessions(t0)).toBe(1);
    expect(await store.deleteOtherEmployerSessions('e1', 's1')).toBe(1);
    await store.deleteEmployerSession('s1');
    expect(await store.findEmployerSession('s1', t0)).toBeUndefined();
  });

  it('holds a rate limit under 30 concurrent hits, and opens a new window when it ends', async () => {
    let now = new Date(t0);
    const limiter = store.rateLimiter({
      name: 'engines',
      limit: 10,
      windowMs: 60_000,
      now: () => now,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () => limiter.hit('client', 'requests')),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } },
    });
    await limiter.hit('another client', 'requests');
    now = new Date(now.getTime() + 60_000);
    await limiter.hit('client', 'requests');
  });

  it('sweeps only expired nonces', async () => {
    const posting = await freshPosting(['fresh']);
    await store.insertPresentationNonce({
      nonce: `${posting}-old`,
      postingId: posting,
      createdAt: t0,
      expiresAt: t0,
    });
    expect(await store.deleteExpiredPresentationNonces(t0)).toBeGreaterThanOrEqual(1);
    expect(await store.isPresentationNonceOpen(`${posting}-fresh`, posting, t0)).toBe(true);
  });
});
