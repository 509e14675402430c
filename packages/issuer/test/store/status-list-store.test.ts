import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { JwtVerifiableCredential } from '@skillproof/core';
import { sql } from 'kysely';
import { testDatabaseEngines } from '@skillproof/testing';
import type { IssuerStore } from '../../src/ports/issuer-store.js';
import type { StatusListStore } from '../../src/ports/status-list-store.js';
import { createIssuerStore } from '../../src/store/database-issuer-store.js';
import { createStatusListStore } from '../../src/store/database-status-list-store.js';
import { openTestDatabase, type TestDatabase } from '../fixtures/test-database.js';

const now = '2030-01-15T10:00:00.000Z';
const learner = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

describe.each(testDatabaseEngines())('createStatusListStore on %s', (engine) => {
  let db: TestDatabase;
  let store: IssuerStore;
  let lists: StatusListStore;

  beforeEach(async () => {
    db = await openTestDatabase(engine);
    store = await createIssuerStore(db);
    lists = createStatusListStore(db, { length: 16 });
  });

  afterEach(async () => {
    await db.close();
  });

  async function saveCredential(id: string, subjectDid: string | null = learner): Promise<void> {
    await store.saveCredential({
      id,
      subjectDid,
      achievementId: null,
      attemptId: null,
      format: 'jwt_vc_json',
      jwt: 'a.b.c',
      credential: { id } as unknown as JwtVerifiableCredential,
      issuedAt: now,
    });
  }

  it('hands out one entry per purpose, in order, and opens a new list when one is full', async () => {
    const seen = new Set<string>();
    for (let count = 0; count < 20; count += 1) {
      const allocations = await lists.allocate(`urn:uuid:${count}`, now);
      expect(allocations.map((allocation) => allocation.purpose)).toEqual([
        'revocation',
        'suspension',
      ]);
      for (const allocation of allocations) {
        const key = `${allocation.listId}#${allocation.index}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
      expect(allocations[0]).toMatchObject({
        purpose: 'revocation',
        listId: count < 16 ? 'revocation-1' : 'revocation-2',
      });
    }
    // The first list's 16 entries were each handed out once: a permutation of 0..15.
    const firstList = [...seen]
      .filter((key) => key.startsWith('revocation-1#'))
      .map((key) => Number(key.split('#')[1]))
      .sort((a, b) => a - b);
    expect(firstList).toEqual(Array.from({ length: 16 }, (_, index) => index));
    expect(await lists.findList('suspension-2')).toMatchObject({
      purpose: 'suspension',
      length: 16,
      version: 0,
    });
  });

  it('never hands out an index twice, even to a store reopened on the same database', async () => {
    await lists.allocate('urn:uuid:a', now);
    const [first] = await lists.allocate('urn:uuid:b', now);
    const reopened = createStatusListStore(db, { length: 16 });
    const indexes = new Set([first?.index]);
    for (let count = 0; count < 14; count += 1) {
      const [revocation] = await reopened.allocate(`urn:uuid:c${count}`, now);
      expect(revocation?.listId).toBe('revocation-1');
      expect(indexes.has(revocation?.index)).toBe(false);
      indexes.add(revocation?.index);
    }
    // What is stored agrees: the full list holds 16 entries at 16 distinct positions.
    const { rows } = await sql<{ n: number | string; positions: number | string }>`
      SELECT COUNT(*) AS n, COUNT(DISTINCT list_index) AS positions FROM issuer_status_entries
        WHERE list_id = 'revocation-1'`.execute(db.kysely);
    expect(rows.map((row) => [Number(row.n), Number(row.positions)])).toEqual([[16, 16]]);
  });

  it('hands out 200 distinct entries when two instances allocate at once, across full lists', async () => {
    const other = createStatusListStore(db.another(), { length: 16 });
    const allocations = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        (index % 2 === 0 ? lists : other).allocate(`urn:uuid:race-${index}`, now),
      ),
    );
    const keys = allocations.flat().map((allocation) => `${allocation.listId}#${allocation.index}`);
    expect(new Set(keys).size).toBe(400);
    // 200 entries per purpose fill 12 lists of 16 and take 8 of the 13th: none skipped.
    expect(await lists.findList('revocation-13')).toMatchObject({ length: 16 });
    expect(await lists.findList('revocation-14')).toBeUndefined();
  });

  it('sets and clears bits, bumping the list version only on a change', async () => {
    await lists.allocate('urn:uuid:1', now);
    const [, suspension] = await lists.allocate('urn:uuid:2', now);
    await saveCredential('urn:uuid:2');
    const suspended = await lists.setStatus(
      'urn:uuid:2',
      [{ purpose: 'suspension', status: true }],
      now,
    );
    expect(suspended).toMatchObject({
      credentialId: 'urn:uuid:2',
      revoked: false,
      suspended: true,
    });
    expect(await lists.setIndexes('suspension-1')).toEqual([suspension?.index]);
    expect(await lists.setIndexes('revocation-1')).toEqual([]);
    expect((await lists.findList('suspension-1'))?.version).toBe(1);

    await lists.setStatus('urn:uuid:2', [{ purpose: 'suspension', status: true }], now);
    expect((await lists.findList('suspension-1'))?.version).toBe(1);

    await lists.setStatus('urn:uuid:2', [{ purpose: 'suspension', status: false }], now);
    expect(await lists.setIndexes('suspension-1')).toEqual([]);
    expect((await lists.findList('suspension-1'))?.version).toBe(2);
  });

  it('refuses to lift a revocation, and changes nothing when one change of several fails', async () => {
    const [revocation] = await lists.allocate('urn:uuid:r', now);
    await saveCredential('urn:uuid:r');
    await lists.setStatus('urn:uuid:r', [{ purpose: 'revocation', status: true }], now);
    await expect(
      lists.setStatus(
        'urn:uuid:r',
        [
          { purpose: 'suspension', status: true },
          { purpose: 'revocation', status: false },
        ],
        now,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await lists.setIndexes('suspension-1')).toEqual([]);
    expect(await lists.setIndexes('revocation-1')).toEqual([revocation?.index]);
  });

  it('knows nothing of a credential that was never stored', async () => {
    await lists.allocate('urn:uuid:lost', now);
    expect(
      await lists.setStatus('urn:uuid:lost', [{ purpose: 'revocation', status: true }], now),
    ).toBeUndefined();
    expect(await lists.setIndexes('revocation-1')).toEqual([]);
  });

  it('says so when a credential has no entry for a purpose (issued before status lists)', async () => {
    await saveCredential('urn:uuid:old');
    await expect(
      lists.setStatus('urn:uuid:old', [{ purpose: 'revocation', status: true }], now),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lists credentials with their status, by id or by learner', async () => {
    const other = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    await lists.allocate('urn:uuid:x', now);
    await saveCredential('urn:uuid:x');
    await lists.allocate('urn:uuid:y', now);
    await saveCredential('urn:uuid:y', other);
    await saveCredential('urn:uuid:z', other);
    await lists.setStatus('urn:uuid:y', [{ purpose: 'revocation', status: true }], now);

    expect(await lists.listCredentialStatus()).toEqual([
      {
        credentialId: 'urn:uuid:x',
        subjectDid: learner,
        achievementId: null,
        issuedAt: now,
        revoked: false,
        suspended: false,
      },
      expect.objectContaining({ credentialId: 'urn:uuid:y', revoked: true, suspended: false }),
      expect.objectContaining({ credentialId: 'urn:uuid:z', revoked: null, suspended: null }),
    ]);
    expect(
      (await lists.listCredentialStatus({ subjectDid: other })).map((row) => row.credentialId),
    ).toEqual(['urn:uuid:y', 'urn:uuid:z']);
    expect(
      (await lists.listCredentialStatus({ credentialId: 'urn:uuid:x' })).map(
        (row) => row.credentialId,
      ),
    ).toEqual(['urn:uuid:x']);
  });

  it('refuses a list length that is not a positive multiple of 8', () => {
    expect(() => createStatusListStore(db, { length: 12 })).toThrow(TypeError);
  });
});
