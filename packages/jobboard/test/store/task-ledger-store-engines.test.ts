import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@skillproof/server/database';
import {
  changeTask,
  claimTask,
  createJobboardStore,
  postTask,
  type JobboardStore,
  type LedgerEntry,
} from '@skillproof/jobboard';
import { testDatabaseEngines } from '@skillproof/testing';
import { storedPosting } from '../fixtures/stored-posting.js';
import { openTestDatabase } from '../fixtures/test-database.js';

// The TaskLedgerStore contract on every engine the run has: entries come back as appended, a
// posting and its `posted` entry are written together, and of concurrent appends of one
// (task, sequence) exactly one is written. On PostgreSQL the racing appends run on separate
// pooled connections, so the primary key decides, not one process's event loop.

const t0 = new Date('2026-12-05T12:00:00.000Z');
const testnetAddress = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';

describe.each(testDatabaseEngines())('the task ledger store on %s', (engine) => {
  let database: Database;
  let store: JobboardStore;
  let tasks = 0;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    store = await createJobboardStore(database);
    await store.insertEmployer({
      id: 'e1',
      name: 'Acme',
      tokenHash: 'hash-1',
      createdAt: t0.toISOString(),
    });
  });
  afterAll(() => database.close());

  async function freshTask(): Promise<string> {
    tasks += 1;
    const id = `task-${tasks}`;
    const posted = postTask([], {
      taskId: id,
      employerId: 'e1',
      rewardSats: 5000,
      network: 'testnet',
      at: t0,
    });
    await store.insertPosting(storedPosting(id), posted);
    return id;
  }

  it('writes a posting and its posted entry together, and reads entries back as appended', async () => {
    const id = await freshTask();
    const history = await store.ledgerEntriesOfTask(id);
    expect(history).toEqual([
      expect.objectContaining({ kind: 'posted', taskId: id, sequence: 0, rewardSats: 5000 }),
    ]);
    const claimed = claimTask(history, {
      learnerDid: 'did:key:z6MkA',
      address: testnetAddress,
      at: t0,
    });
    expect(await store.appendLedgerEntry(claimed)).toBe(true);
    expect(await store.ledgerEntriesOfTask(id)).toEqual([...history, claimed]);
    expect(await store.ledgerEntriesOfTask('no-such-task')).toEqual([]);
    const all = await store.ledgerEntries();
    expect(all.filter((entry) => entry.taskId === id)).toEqual([...history, claimed]);
    // A posting that is not a task has no entries.
    await store.insertPosting(storedPosting(`plain-${id}`));
    expect(await store.ledgerEntriesOfTask(`plain-${id}`)).toEqual([]);
  });

  it('refuses a second entry of the same sequence, writing nothing', async () => {
    const id = await freshTask();
    const history = await store.ledgerEntriesOfTask(id);
    const first = claimTask(history, {
      learnerDid: 'did:key:z6MkA',
      address: testnetAddress,
      at: t0,
    });
    const second = claimTask(history, {
      learnerDid: 'did:key:z6MkB',
      address: testnetAddress,
      at: t0,
    });
    expect(await store.appendLedgerEntry(first)).toBe(true);
    expect(await store.appendLedgerEntry(second)).toBe(false);
    expect((await store.ledgerEntriesOfTask(id)).map((entry) => entry.sequence)).toEqual([0, 1]);
  });

  it('lets exactly one of eight concurrent appends of one sequence win', async () => {
    const id = await freshTask();
    const history = await store.ledgerEntriesOfTask(id);
    const racing: LedgerEntry[] = Array.from({ length: 8 }, (_, index) =>
      claimTask(history, { learnerDid: `did:key:z6Mk${index}`, address: testnetAddress, at: t0 }),
    );
    const outcomes = await Promise.all(racing.map((entry) => store.appendLedgerEntry(entry)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const written = await store.ledgerEntriesOfTask(id);
    expect(written).toHaveLength(2);
    expect(written[1]).toEqual(racing[outcomes.indexOf(true)]);
  });

  it('keeps every concurrent claim through changeTask: the losers decide again', async () => {
    const id = await freshTask();
    const claims = await Promise.all(
      Array.from({ length: 4 }, (_, index) =>
        changeTask(
          store,
          id,
          (history) =>
            claimTask(history, {
              learnerDid: `did:key:z6MkRacer${index}`,
              address: testnetAddress,
              at: t0,
            }),
          { attempts: 8 },
        ),
      ),
    );
    expect(claims.map((entry) => entry.sequence).sort()).toEqual([1, 2, 3, 4]);
    expect(await store.ledgerEntriesOfTask(id)).toHaveLength(5);
  });
});
