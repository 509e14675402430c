import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { databaseFromSqlite } from '@skillproof/server/database';
import { openDatabase } from '@skillproof/server/sqlite';
import { createJobboardStore, migrateJobboardDatabase } from '@skillproof/jobboard';
import { runJobboardAdmin } from '../fixtures/jobboard-instances.js';
import { storedPosting } from '../fixtures/stored-posting.js';

// `admin backup <file>`: SQLite's online backup of the board's database, run by the built
// command against a real data directory.

describe('admin backup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skillproof-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the live database to a new file that the store opens, and never overwrites', async () => {
    const live = databaseFromSqlite(openDatabase(join(dir, 'jobboard.db')));
    await migrateJobboardDatabase(live);
    const store = await createJobboardStore(live);
    await store.insertEmployer({ id: 'e1', name: 'Acme', tokenHash: 'h1', createdAt: 'x' });
    await store.insertPosting(storedPosting('p1'));
    const destination = join(dir, 'backup.db');
    try {
      // The board keeps its connection open, as a running board would.
      const done = await runJobboardAdmin(['backup', destination], { DATA_DIR: dir });
      expect(done.code).toBe(0);
      expect(done.output).toMatch(/^backed up \d+ pages to .*backup\.db$/m);

      const copy = databaseFromSqlite(openDatabase(destination));
      try {
        const restored = await createJobboardStore(copy);
        expect((await restored.listPostings()).map(({ id }) => id)).toEqual(['p1']);
      } finally {
        await copy.close();
      }

      const before = readFileSync(destination);
      const again = await runJobboardAdmin(['backup', destination], { DATA_DIR: dir });
      expect(again.code).toBe(1);
      expect(again.output).toMatch(/exists: a backup never overwrites/);
      expect(readFileSync(destination).equals(before)).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('refuses on PostgreSQL (pg_dump is the tool there) and without a file', async () => {
    const onPostgres = await runJobboardAdmin(['backup', join(dir, 'x.db')], {
      DATA_DIR: dir,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(onPostgres.code).toBe(2);
    expect(onPostgres.output).toMatch(/on PostgreSQL use pg_dump/);
    const noFile = await runJobboardAdmin(['backup'], { DATA_DIR: dir });
    expect(noFile.code).toBe(2);
    expect(noFile.output).toMatch(/backup takes the file to write/);
  });
});
