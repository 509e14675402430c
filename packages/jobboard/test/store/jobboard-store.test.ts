import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '@skillproof/core/sqlite';
import {
  createJobboardStore,
  derivePresentationDefinition,
  type Posting,
} from '@skillproof/jobboard';

const tempDir = mkdtempSync(join(tmpdir(), 'jobboard-store-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const issuer = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const t0 = '2026-11-26T12:00:00.000Z';
const t1 = '2026-11-26T12:10:00.000Z';

function postingFor(id: string, employerId: string): Posting {
  const requirements = [
    { id: 'r1', achievementId: 'https://academy.test/achievements/x', acceptedIssuers: [issuer] },
  ];
  return {
    id,
    title: `Posting ${id}`,
    description: '',
    employerId,
    requirements,
    presentation_definition: derivePresentationDefinition({
      id,
      title: `Posting ${id}`,
      requirements,
    }),
    createdAt: t0,
  };
}

async function seeded(db: SqliteDatabase = openDatabase(':memory:')) {
  const store = createJobboardStore(db);
  await store.insertEmployer({ id: 'e1', name: 'Acme', tokenHash: 'hash-1', createdAt: t0 });
  await store.insertPosting(postingFor('p1', 'e1'));
  await store.insertPosting(postingFor('p2', 'e1'));
  return { db, store };
}

describe('createJobboardStore', () => {
  it('consumes a nonce once, only for its posting, only before it expires', async () => {
    const { store } = await seeded();
    await store.insertPresentationNonce({
      nonce: 'n1',
      postingId: 'p1',
      createdAt: t0,
      expiresAt: t1,
    });
    expect(await store.consumePresentationNonce('n1', 'p2', t0)).toBe(false);
    expect(await store.consumePresentationNonce('unknown', 'p1', t0)).toBe(false);
    expect(await store.consumePresentationNonce('n1', 'p1', t1)).toBe(false);
    expect(await store.consumePresentationNonce('n1', 'p1', t0)).toBe(true);
    expect(await store.consumePresentationNonce('n1', 'p1', t0)).toBe(false);
  });

  it('sweeps only expired nonces', async () => {
    const { store } = await seeded();
    await store.insertPresentationNonce({
      nonce: 'old',
      postingId: 'p1',
      createdAt: t0,
      expiresAt: t0,
    });
    await store.insertPresentationNonce({
      nonce: 'new',
      postingId: 'p1',
      createdAt: t0,
      expiresAt: t1,
    });
    expect(await store.deleteExpiredPresentationNonces(t0)).toBe(1);
    expect(await store.consumePresentationNonce('new', 'p1', t0)).toBe(true);
  });

  it('stores an application with its presentation, and refuses one for an unknown posting', async () => {
    const { db, store } = await seeded();
    const application = {
      id: 'a1',
      postingId: 'p1',
      holder: 'did:key:z6MkLearner',
      qualified: true,
      requirements: [{ id: 'r1', achievementId: 'x', met: true, reason: 'met' }],
      checks: [{ id: 'signature', ok: true }],
      createdAt: t0,
      presentationJwt: 'header.payload.signature',
    };
    await store.insertApplication(application);
    // better-sqlite3's errors come from another realm under jest's VM modules: read the code.
    const refusal = await store
      .insertApplication({ ...application, id: 'a2', postingId: 'nope' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((refusal as { code?: unknown } | undefined)?.code).toBe('SQLITE_CONSTRAINT_FOREIGNKEY');
    expect(
      db.prepare('SELECT id, presentation_jwt, decision_json FROM applications').all(),
    ).toEqual([
      {
        id: 'a1',
        presentation_jwt: 'header.payload.signature',
        decision_json: JSON.stringify({
          requirements: application.requirements,
          checks: application.checks,
        }),
      },
    ]);
    expect(await store.listApplications('p1')).toEqual([
      {
        id: 'a1',
        holder: 'did:key:z6MkLearner',
        qualified: true,
        requirements: application.requirements,
        createdAt: t0,
      },
    ]);
  });

  it('keeps its data across reopening a database file, migrating only once', async () => {
    const file = join(tempDir, 'jobboard.db');
    const first = await seeded(openDatabase(file));
    first.db.close();
    const db = openDatabase(file);
    const store = createJobboardStore(db);
    expect((await store.findPosting('p1'))?.title).toBe('Posting p1');
    expect(await store.findEmployerByTokenHash('hash-1')).toEqual({
      id: 'e1',
      name: 'Acme',
      createdAt: t0,
    });
    expect(
      db.prepare("SELECT version FROM schema_migrations WHERE scope = 'jobboard'").all(),
    ).toEqual([{ version: 1 }]);
    db.close();
  });
});
