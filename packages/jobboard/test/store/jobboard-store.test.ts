import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSkillproofAgent, ensureIdentifier } from '@skillproof/server/agent';
import { databaseFromSqlite, migrateDatabase } from '@skillproof/server/database';
import {
  createSqliteRateLimiter,
  migrate,
  openDatabase,
  type SqliteDatabase,
} from '@skillproof/server/sqlite';
import {
  createJobboardStore,
  derivePresentationDefinition,
  migrateJobboardDatabase,
  openBoardIdentity,
  jobboardMigrations,
  type ApplicationRecord,
  type JobboardStore,
  type PresentationDefinition,
} from '@skillproof/jobboard';
import { issuerDidA as issuer } from '@skillproof/testing';
import { storedPosting } from '../fixtures/stored-posting.js';

const tempDir = mkdtempSync(join(tmpdir(), 'jobboard-store-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const t0 = '2026-11-26T12:00:00.000Z';
const t1 = '2026-11-26T12:10:00.000Z';

/**
 * The definition migration 4 derives for a version-1 posting of one badge clause: today's, in
 * the words version 1 had (a clause read as its ids; migrations never change once released).
 */
function inVersion1Words(definition: PresentationDefinition, achievementId: string) {
  const words = `${achievementId} from ${issuer}`;
  return {
    ...definition,
    submission_requirements: (definition.submission_requirements ?? []).map((requirement) => ({
      ...requirement,
      purpose: words,
    })),
    input_descriptors: definition.input_descriptors.map((descriptor) => ({
      ...descriptor,
      name: achievementId,
      purpose: words,
    })),
  };
}

/** What migration 4 makes of version 1's posting p1 ("Old") of one badge clause. */
function migratedVersion1Posting(achievementId: string) {
  return {
    requirements: [
      {
        id: 'r1',
        type: 'badge',
        achievementId,
        acceptedIssuers: [issuer],
        description: `${achievementId} from ${issuer}`,
      },
    ],
    presentationDefinition: inVersion1Words(
      derivePresentationDefinition({
        id: 'p1',
        title: 'Old',
        requirements: [{ id: 'r1', type: 'badge', achievementId, acceptedIssuers: [issuer] }],
      }),
      achievementId,
    ),
  };
}

async function seeded(db: SqliteDatabase = openDatabase(':memory:')) {
  const store = await createJobboardStore(db);
  await store.insertEmployer({ id: 'e1', name: 'Acme', tokenHash: 'hash-1', createdAt: t0 });
  await store.insertPosting(storedPosting('p1', { employerId: 'e1', createdAt: t0 }));
  await store.insertPosting(storedPosting('p2', { employerId: 'e1', createdAt: t0 }));
  return { db, store };
}

/** Stores a presentation nonce issued at t0 for `postingId`, open until `expiresAt`. */
function openNonce(
  store: JobboardStore,
  nonce: string,
  postingId = 'p1',
  expiresAt = t1,
): Promise<void> {
  return store.insertPresentationNonce({ nonce, postingId, createdAt: t0, expiresAt });
}

describe('createJobboardStore', () => {
  it('consumes a nonce once, only for its posting, only before it expires', async () => {
    const { store } = await seeded();
    await openNonce(store, 'n1');
    expect(await store.consumePresentationNonce('n1', 'p2', t0)).toBe(false);
    expect(await store.consumePresentationNonce('unknown', 'p1', t0)).toBe(false);
    expect(await store.consumePresentationNonce('n1', 'p1', t1)).toBe(false);
    expect(await store.consumePresentationNonce('n1', 'p1', t0)).toBe(true);
    expect(await store.consumePresentationNonce('n1', 'p1', t0)).toBe(false);
  });

  it('sweeps only expired nonces', async () => {
    const { store } = await seeded();
    await openNonce(store, 'old', 'p1', t0);
    await openNonce(store, 'new');
    expect(await store.deleteExpiredPresentationNonces(t0)).toBe(1);
    expect(await store.consumePresentationNonce('new', 'p1', t0)).toBe(true);
  });

  function applicationFor(id: string, nonce: string, postingId = 'p1'): ApplicationRecord {
    return {
      id,
      postingId,
      holder: 'did:key:z6MkLearner',
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

  it('stores an application with its evidence while consuming its nonce, in one transaction', async () => {
    const { db, store } = await seeded();
    await openNonce(store, 'n1');
    expect(await store.isPresentationNonceOpen('n1', 'p1', t0)).toBe(true);
    expect(await store.insertApplication(applicationFor('a1', 'n1'), t0)).toBe(true);
    expect(await store.isPresentationNonceOpen('n1', 'p1', t0)).toBe(false);
    // The nonce is used: a second application to it stores nothing.
    expect(await store.insertApplication(applicationFor('a2', 'n1'), t0)).toBe(false);
    expect(
      db.prepare('SELECT id, presentation_jwt, nonce, decision_json FROM applications').all(),
    ).toEqual([
      {
        id: 'a1',
        presentation_jwt: 'header.payload.signature',
        nonce: 'n1',
        decision_json: JSON.stringify({
          requirements: applicationFor('a1', 'n1').requirements,
          checks: applicationFor('a1', 'n1').checks,
        }),
      },
    ]);
    expect(db.prepare('SELECT application_id FROM presentation_nonces').all()).toEqual([
      { application_id: 'a1' },
    ]);
    const { nonce: _nonce, checks: _checks, ...decided } = applicationFor('a1', 'n1');
    const listed = { ...decided, history: [] };
    expect(await store.listApplications('p1')).toEqual([listed]);
    expect(await store.findApplication('p1', 'a1')).toEqual(listed);
    expect(await store.findApplication('p2', 'a1')).toBeUndefined();
  });

  it('stores nothing for a nonce of another posting, an expired one, or an unknown one', async () => {
    const { db, store } = await seeded();
    await openNonce(store, 'n1');
    expect(await store.insertApplication(applicationFor('a1', 'n1', 'p2'), t0)).toBe(false);
    expect(await store.insertApplication(applicationFor('a2', 'n1'), t1)).toBe(false);
    expect(await store.insertApplication(applicationFor('a3', 'unknown'), t0)).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n FROM applications').get()).toEqual({ n: 0 });
    expect(await store.isPresentationNonceOpen('n1', 'p1', t0)).toBe(true);
  });

  it("reads postings and applications written by schema version 1 in today's shape", async () => {
    const db = openDatabase(':memory:');
    const [first] = jobboardMigrations;
    await migrateDatabase(databaseFromSqlite(db), 'jobboard', first ? [first] : []);
    const achievementId = 'https://academy.test/achievements/x';
    db.prepare("INSERT INTO employers VALUES ('e1', 'Acme', 'hash-1', ?)").run(t0);
    db.prepare(`INSERT INTO postings VALUES ('p1', 'e1', 'Old', '', ?, '{"id":"p1"}', ?)`).run(
      JSON.stringify([{ id: 'r1', achievementId, acceptedIssuers: [issuer] }]),
      t0,
    );
    db.prepare(
      `INSERT INTO applications VALUES ('a1', 'p1', 'did:key:z6MkLearner', 1, ?, 'x.y.z', ?)`,
    ).run(
      JSON.stringify({
        requirements: [{ id: 'r1', achievementId, met: true, reason: 'met by it' }],
        checks: [],
      }),
      t0,
    );
    const store = await createJobboardStore(db);
    expect((await store.findPosting('p1'))?.requirements).toEqual(
      migratedVersion1Posting(achievementId).requirements,
    );
    expect((await store.findPosting('p1'))?.labels).toEqual({});
    expect((await store.findPosting('p1'))?.presentation_definition).toEqual(
      migratedVersion1Posting(achievementId).presentationDefinition,
    );
    expect(await store.listApplications('p1')).toEqual([
      {
        id: 'a1',
        postingId: 'p1',
        holder: 'did:key:z6MkLearner',
        qualified: true,
        requirements: [
          {
            id: 'r1',
            type: 'badge',
            achievementId,
            met: true,
            code: 'met',
            reason: 'met by it',
            credentials: [],
          },
        ],
        createdAt: t0,
        presentationJwt: 'x.y.z',
        evidence: [],
        history: [],
      },
    ]);
  });

  it('rewrites the rows version 1 wrote in migration 4, so the store reads every row as it is', async () => {
    const db = openDatabase(':memory:');
    await migrateDatabase(databaseFromSqlite(db), 'jobboard', jobboardMigrations.slice(0, 3));
    const achievementId = 'https://academy.test/achievements/x';
    db.prepare(
      "INSERT INTO employers (id, name, token_hash, created_at) VALUES ('e1', 'Acme', 'h', ?)",
    ).run(t0);
    db.prepare(
      `INSERT INTO postings (id, employer_id, title, description, requirements_json,
         presentation_definition_json, created_at) VALUES ('p1', 'e1', 'Old', '', ?, '{"id":"p1"}', ?)`,
    ).run(JSON.stringify([{ id: 'r1', achievementId, acceptedIssuers: [issuer] }]), t0);
    await createJobboardStore(db);
    const rows = db
      .prepare('SELECT id, requirements_json, presentation_definition_json FROM postings')
      .all() as Array<{
      id: string;
      requirements_json: string;
      presentation_definition_json: string;
    }>;
    expect(JSON.parse(rows[0]?.requirements_json ?? '')).toEqual(
      migratedVersion1Posting(achievementId).requirements,
    );
    expect(JSON.parse(rows[0]?.presentation_definition_json ?? '')).toEqual(
      migratedVersion1Posting(achievementId).presentationDefinition,
    );
  });

  it("replaces a holder's current application to a posting, keeping the earlier one as history", async () => {
    const { db, store } = await seeded();
    for (const nonce of ['n1', 'n2', 'n3']) {
      await openNonce(store, nonce);
    }
    await openNonce(store, 'n4', 'p2');
    const first = { ...applicationFor('a1', 'n1'), qualified: false };
    expect(await store.insertApplication(first, t0)).toBe(true);
    expect(
      await store.insertApplication({ ...applicationFor('a2', 'n2'), createdAt: t1 }, t0),
    ).toBe(true);
    const other = { ...applicationFor('a3', 'n3'), holder: 'did:key:z6MkSomeoneElse' };
    expect(await store.insertApplication(other, t0)).toBe(true);
    // Another posting keeps its own application of the same holder.
    expect(await store.insertApplication(applicationFor('a4', 'n4', 'p2'), t0)).toBe(true);

    const listed = await store.listApplications('p1');
    expect(listed.map((application) => [application.id, application.holder])).toEqual([
      ['a3', 'did:key:z6MkSomeoneElse'],
      ['a2', 'did:key:z6MkLearner'],
    ]);
    expect(listed[1]?.history).toEqual([
      { id: 'a1', qualified: false, requirements: first.requirements, createdAt: t0 },
    ]);
    expect(listed[0]?.history).toEqual([]);
    // Asked for by the earlier id, the person's current application answers.
    expect((await store.findApplication('p1', 'a1'))?.id).toBe('a2');
    expect((await store.findApplication('p1', 'a2'))?.history.map((entry) => entry.id)).toEqual([
      'a1',
    ]);
    expect((await store.listApplications('p2')).map((application) => application.id)).toEqual([
      'a4',
    ]);
    expect(db.prepare('SELECT id, replaced_by FROM applications ORDER BY id').all()).toEqual([
      { id: 'a1', replaced_by: 'a2' },
      { id: 'a2', replaced_by: null },
      { id: 'a3', replaced_by: null },
      { id: 'a4', replaced_by: null },
    ]);
  });

  it('collapses the repeat applications stored before migration 5 to the latest, the others as history', async () => {
    const db = openDatabase(':memory:');
    await migrateDatabase(databaseFromSqlite(db), 'jobboard', jobboardMigrations.slice(0, 4));
    db.prepare(
      "INSERT INTO employers (id, name, token_hash, created_at) VALUES ('e1', 'Acme', 'h', ?)",
    ).run(t0);
    const posting = storedPosting('p1', { employerId: 'e1', createdAt: t0 });
    db.prepare(
      `INSERT INTO postings (id, employer_id, title, description, requirements_json,
         presentation_definition_json, created_at) VALUES ('p1', 'e1', 'P', '', ?, ?, ?)`,
    ).run(
      JSON.stringify(posting.requirements),
      JSON.stringify(posting.presentation_definition),
      t0,
    );
    const insert = db.prepare(
      `INSERT INTO applications (id, posting_id, holder, qualified, decision_json,
         presentation_jwt, nonce, created_at) VALUES (?, 'p1', ?, ?, ?, 'x.y.z', ?, ?)`,
    );
    const decision = (reason: string) =>
      JSON.stringify({
        requirements: [{ ...applicationFor('x', 'x').requirements[0], reason }],
        checks: [],
      });
    // Same time for b1 and b2: the one stored later is the later one.
    insert.run('b1', 'did:key:z6MkLearner', 0, decision('first'), 'n1', t0);
    insert.run('b2', 'did:key:z6MkLearner', 0, decision('second'), 'n2', t0);
    insert.run('c1', 'did:key:z6MkOther', 1, decision('other'), 'n3', t0);
    insert.run('b3', 'did:key:z6MkLearner', 1, decision('third'), 'n4', t1);

    const store = await createJobboardStore(db);
    const listed = await store.listApplications('p1');
    expect(listed.map((application) => application.id)).toEqual(['c1', 'b3']);
    expect(listed[1]?.history.map((entry) => [entry.id, entry.requirements[0]?.reason])).toEqual([
      ['b2', 'second'],
      ['b1', 'first'],
    ]);
    expect(listed[0]?.history).toEqual([]);
    expect(db.prepare('SELECT id, replaced_by FROM applications ORDER BY id').all()).toEqual([
      { id: 'b1', replaced_by: 'b2' },
      { id: 'b2', replaced_by: 'b3' },
      { id: 'b3', replaced_by: null },
      { id: 'c1', replaced_by: null },
    ]);
    // The index holds every posting to one current application per holder.
    expect(() =>
      db.prepare("UPDATE applications SET replaced_by = NULL WHERE id = 'b2'").run(),
    ).toThrow(/UNIQUE/);
  });

  it('keeps its data across reopening a database file, migrating only once', async () => {
    const file = join(tempDir, 'jobboard.db');
    const first = await seeded(openDatabase(file));
    first.db.close();
    const db = openDatabase(file);
    const store = await createJobboardStore(db);
    expect((await store.findPosting('p1'))?.title).toBe('Posting p1');
    expect(await store.findEmployerByTokenHash('hash-1')).toEqual({
      id: 'e1',
      name: 'Acme',
      createdAt: t0,
    });
    expect(
      db.prepare("SELECT version FROM schema_migrations WHERE scope = 'jobboard'").all(),
    ).toEqual(jobboardMigrations.map((migration) => ({ version: migration.version })));
    db.close();
  });

  it('carries on a file the SQL-era store made (schema 6, rate limits, board key) without migrating it again', async () => {
    const file = join(tempDir, 'sql-era.db');
    const old = openDatabase(file);
    // What the store before Kysely left: its SQL, its versions, its rate limiter, its agent.
    migrate(old, 'jobboard', []);
    old.exec(
      readFileSync(
        fileURLToPath(new URL('../fixtures/sql-era-schema-v6.sql', import.meta.url)),
        'utf8',
      ),
    );
    for (const version of [1, 2, 3, 4, 5, 6]) {
      old
        .prepare('INSERT INTO schema_migrations VALUES (?, ?, ?, ?)')
        .run('jobboard', version, `step ${version}`, t0);
    }
    const posting = storedPosting('p1', { employerId: 'e1', createdAt: t0 });
    old
      .prepare(
        "INSERT INTO employers (id, name, token_hash, created_at) VALUES ('e1', 'Acme', 'hash-1', ?)",
      )
      .run(t0);
    old
      .prepare(
        `INSERT INTO postings (id, employer_id, title, description, requirements_json,
           labels_json, presentation_definition_json, created_at) VALUES ('p1', 'e1', ?, '', ?, '{}', ?, ?)`,
      )
      .run(
        posting.title,
        JSON.stringify(posting.requirements),
        JSON.stringify(posting.presentation_definition),
        t0,
      );
    old
      .prepare(
        "INSERT INTO presentation_nonces (nonce, posting_id, created_at, expires_at) VALUES ('n1', 'p1', ?, ?)",
      )
      .run(t0, t1);
    const now = new Date(t0);
    createSqliteRateLimiter({
      db: old,
      name: 'sign-in',
      limit: 2,
      windowMs: 60_000,
      now: () => now,
    }).hit('client', 'sign-ins');
    const keySecret = 'sql-era-board-secret';
    const oldAgent = await createSkillproofAgent({ db: old, keySecret, scryptLogN: 10 });
    const oldDid = (await ensureIdentifier(oldAgent, 'jobboard')).did;
    old.close();

    const db = openDatabase(file);
    const store = await createJobboardStore(db);
    expect(await migrateJobboardDatabase(db)).toEqual({
      jobboard: [],
      'rate-limits': [],
      agent: [],
    });
    expect((await store.findPosting('p1'))?.title).toBe('Posting p1');
    expect(await store.insertApplication(applicationFor('a1', 'n1'), t0)).toBe(true);
    expect((await store.listApplications('p1')).map((application) => application.id)).toEqual([
      'a1',
    ]);
    // The window the old limiter opened goes on counting: one hit left of two.
    const signIns = store.rateLimiter({
      name: 'sign-in',
      limit: 2,
      windowMs: 60_000,
      now: () => now,
    });
    await signIns.hit('client', 'sign-ins');
    await expect(signIns.hit('client', 'sign-ins')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The board keeps the DID wallets know it by.
    expect((await openBoardIdentity({ db, keySecret, scryptLogN: 10 })).did).toBe(oldDid);
    db.close();
  });
});
