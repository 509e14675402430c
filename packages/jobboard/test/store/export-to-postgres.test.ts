import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import {
  copySqliteToPostgres,
  createScratchPostgresDatabase,
  databaseFromSqlite,
  openDatabaseFromConfig,
  type Database,
  type ScratchPostgresDatabase,
} from '@skillproof/server/database';
import { openDatabase } from '@skillproof/server/sqlite';
import { createJobboardStore, migrateJobboardDatabase } from '@skillproof/jobboard';
import { requirePostgresVariable, testPostgresUrl } from '@skillproof/testing';
import { runJobboardAdmin } from '../fixtures/jobboard-instances.js';
import { storedPosting } from '../fixtures/stored-posting.js';

// The move up: a board's SQLite database copied into PostgreSQL, by the library function and by
// the built `admin export-to-postgres`, against a real PostgreSQL server.

const serverUrl = testPostgresUrl();
const t0 = '2026-12-05T09:00:00.000Z';

/** A SQLite board file with an employer and three postings, listed newest (last inserted) first. */
async function boardFile(dir: string): Promise<Database> {
  const sqlite = databaseFromSqlite(openDatabase(join(dir, 'jobboard.db')));
  await migrateJobboardDatabase(sqlite);
  const store = await createJobboardStore(sqlite);
  await store.insertEmployer({ id: 'e1', name: 'Acme', tokenHash: 'hash-1', createdAt: t0 });
  // Listed by insertion (rowid), which the ids' own order would not give.
  for (const id of ['p-c', 'p-a', 'p-b']) await store.insertPosting(storedPosting(id));
  return sqlite;
}

async function rowCount(database: Database, table: string): Promise<number> {
  const kysely = database.kysely as unknown as Kysely<Record<string, { id: string }>>;
  const row = await kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

if (serverUrl === undefined) {
  describe('export from SQLite to PostgreSQL', () => {
    it('runs only with SKILLPROOF_TEST_DATABASE_URL (.ci/run sets it; see the README)', () => {
      // testPostgresUrl() has already failed this file if the run requires PostgreSQL.
      expect(process.env[requirePostgresVariable]).not.toBe('1');
    });
  });
} else {
  describe('export from SQLite to PostgreSQL', () => {
    const scratches: ScratchPostgresDatabase[] = [];
    const dirs: string[] = [];
    let dir: string;
    let sqlite: Database;

    async function scratchDatabase(): Promise<{ url: string; database: Database }> {
      const scratch = await createScratchPostgresDatabase(serverUrl!, 'export_test');
      scratches.push(scratch);
      return {
        url: scratch.url,
        database: openDatabaseFromConfig({ url: scratch.url, sqliteFile: ':memory:' }),
      };
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'skillproof-export-'));
      dirs.push(dir);
      sqlite = await boardFile(dir);
    });
    afterAll(async () => {
      await sqlite.close();
      for (const scratch of scratches) await scratch.drop();
      for (const each of dirs) rmSync(each, { recursive: true, force: true });
    });

    it('copies every row, keeps the listing order, and new rows follow the copied ones', async () => {
      const { database } = await scratchDatabase();
      try {
        await migrateJobboardDatabase(database);
        const progress: string[] = [];
        const copied = await copySqliteToPostgres(sqlite, database, {
          batchSize: 2,
          onProgress: (table, done, total) => progress.push(`${table} ${done}/${total}`),
        });
        expect(copied).toContainEqual({ table: 'postings', rows: 3 });
        expect(copied).toContainEqual({ table: 'employers', rows: 1 });
        // Employers before the postings that point to them; batches of two.
        const names = copied.map(({ table }) => table);
        expect(names.indexOf('employers')).toBeLessThan(names.indexOf('postings'));
        expect(progress).toEqual(
          expect.arrayContaining(['postings 0/3', 'postings 2/3', 'postings 3/3']),
        );

        const store = await createJobboardStore(database);
        expect((await store.listPostings()).map(({ id }) => id)).toEqual(['p-b', 'p-a', 'p-c']);
        expect(await store.findPosting('p-a')).toEqual(storedPosting('p-a'));
        expect(await store.findEmployerByTokenHash('hash-1')).toMatchObject({ name: 'Acme' });
        // The sequence carries on after the copied rowids: the new posting lists first.
        await store.insertPosting(storedPosting('p-new'));
        expect((await store.listPostings()).map(({ id }) => id)).toEqual([
          'p-new',
          'p-b',
          'p-a',
          'p-c',
        ]);
      } finally {
        await database.close();
      }
    });

    it('refuses a target that already holds rows, and one at another schema version, writing nothing', async () => {
      const { database } = await scratchDatabase();
      try {
        await migrateJobboardDatabase(database);
        const store = await createJobboardStore(database);
        await store.insertEmployer({ id: 'e9', name: 'Other', tokenHash: 'h9', createdAt: t0 });
        await expect(copySqliteToPostgres(sqlite, database)).rejects.toThrow(
          /not empty \(table employers has rows\)/,
        );
        expect(await rowCount(database, 'postings')).toBe(0);
        expect(await rowCount(database, 'employers')).toBe(1);
      } finally {
        await database.close();
      }
      const unmigrated = await scratchDatabase();
      try {
        await expect(copySqliteToPostgres(sqlite, unmigrated.database)).rejects.toThrow(
          /the schemas differ \(SQLite: .*jobboard \d+.*; PostgreSQL: none\): run migrate on both first/,
        );
      } finally {
        await unmigrated.database.close();
      }
      await expect(copySqliteToPostgres(sqlite, sqlite)).rejects.toThrow(
        /from a SQLite database to a PostgreSQL database/,
      );
    });

    it('admin export-to-postgres migrates the target, copies, prints a table, and refuses a second run', async () => {
      const { url, database } = await scratchDatabase();
      const env = { DATA_DIR: dir };
      try {
        const first = await runJobboardAdmin(['export-to-postgres', url, '--json'], env);
        expect(first).toMatchObject({ code: 0 });
        const report = JSON.parse(first.output.trim()) as {
          tables: Array<{ table: string; rows: number }>;
        };
        expect(report.tables).toContainEqual({ table: 'postings', rows: 3 });
        expect(await rowCount(database, 'postings')).toBe(3);

        const second = await runJobboardAdmin(['export-to-postgres', url], env);
        expect(second.code).toBe(1);
        expect(second.output).toMatch(/is not empty .*nothing was written/);
        expect(await rowCount(database, 'postings')).toBe(3);

        const wrong = await runJobboardAdmin(['export-to-postgres', 'mysql://x'], env);
        expect(wrong.code).toBe(2);
        expect(wrong.output).toMatch(/one postgres:\/\/ URL/);
      } finally {
        await database.close();
      }
    });
  });
}
