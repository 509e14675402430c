import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchPostgresDatabase,
  openDatabaseFromConfig,
  type ScratchPostgresDatabase,
} from '@skillproof/server/database';
import { openDatabase } from '@skillproof/server/sqlite';
import { requirePostgresVariable, testPostgresUrl } from '@skillproof/testing';
import { runAdmin } from '../../src/admin/run-admin.js';
import { createIssuer } from '../../src/index.js';
import {
  issueLoopbackCredential,
  startLoopbackIssuer,
  type LoopbackIssuer,
} from '../fixtures/loopback-issuer.js';

// `admin backup` and `admin export-to-postgres` on a real issuer's data directory: the copy
// opens as the issuer's database, and a copy into PostgreSQL serves the same log and
// credentials (the move up, issue 18).

const alice = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

describe('admin backup and export-to-postgres', () => {
  let dataDir: string;
  let issuer: LoopbackIssuer;
  let issuedId = '';
  const scratches: ScratchPostgresDatabase[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'skillproof-issuer-move-'));
    issuer = await startLoopbackIssuer({ db: openDatabase(join(dataDir, 'issuer.db')) });
    issuedId = (await issueLoopbackCredential(issuer, alice)).id as string;
  });
  afterAll(async () => {
    await issuer.close();
    for (const scratch of scratches) await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('backs up the live database to a new file the admin list reads, and never overwrites', async () => {
    const copy = join(dataDir, 'backup', 'issuer.db');
    rmSync(join(dataDir, 'backup'), { recursive: true, force: true });
    mkdirSync(join(dataDir, 'backup'));
    expect(await runAdmin(['backup', copy], { dataDir })).toMatch(/^backed up \d+ pages to /);
    expect(existsSync(copy)).toBe(true);
    const listed = JSON.parse(
      await runAdmin(['list', '--json'], { dataDir: join(dataDir, 'backup') }),
    ) as Array<{ credentialId: string }>;
    expect(listed.map((entry) => entry.credentialId)).toEqual([issuedId]);
    await expect(runAdmin(['backup', copy], { dataDir })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/never overwrites/),
    });
    await expect(runAdmin(['backup'], { dataDir })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      runAdmin(['backup', copy], { dataDir, database: { url: 'postgres://x@127.0.0.1/y' } }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/pg_dump/) });
  });

  it('refuses an export target that is not PostgreSQL, and one while DATABASE_URL is set', async () => {
    await expect(runAdmin(['export-to-postgres', 'mysql://x'], { dataDir })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      runAdmin(['export-to-postgres', 'postgres://a@127.0.0.1/b'], {
        dataDir,
        database: { url: 'postgres://a@127.0.0.1/c' },
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/unset DATABASE_URL/) });
  });

  const serverUrl = testPostgresUrl();
  if (serverUrl === undefined) {
    it('exports to PostgreSQL only with SKILLPROOF_TEST_DATABASE_URL (.ci/run sets it)', () => {
      expect(process.env[requirePostgresVariable]).not.toBe('1');
    });
  } else {
    it('copies into an empty PostgreSQL database that then serves the same credentials and log', async () => {
      const scratch = await createScratchPostgresDatabase(serverUrl, 'issuer_export');
      scratches.push(scratch);
      const progress: string[] = [];
      const output = await runAdmin(['export-to-postgres', scratch.url, '--json'], {
        dataDir,
        onProgress: (table, done, total) => progress.push(`${table} ${done}/${total}`),
      });
      const { tables } = JSON.parse(output) as { tables: Array<{ table: string; rows: number }> };
      expect(tables).toContainEqual({ table: 'issuer_credentials', rows: 1 });
      expect(progress).toContain('issuer_credentials 1/1');
      // The same data through the issuer itself, on PostgreSQL, with the same key.
      const database = openDatabaseFromConfig({ url: scratch.url, sqliteFile: ':memory:' });
      const moved = await createIssuer({
        db: database,
        keySecret: 'loopback issuer secret',
        scryptLogN: 10,
        config: { name: 'Moved Academy', url: issuer.url },
        log: { info: () => undefined, error: () => undefined },
        transparencyLog: { checkpointIntervalMs: 0 },
      });
      try {
        expect(moved.identifier.did).toBe(issuer.identifier.did);
        const listed = JSON.parse(
          await runAdmin(['list', '--json'], { dataDir, database: { url: scratch.url } }),
        ) as Array<{ credentialId: string }>;
        expect(listed.map((entry) => entry.credentialId)).toEqual([issuedId]);
        expect(await moved.context.transparency!.log.size()).toBe(
          await issuer.context.transparency!.log.size(),
        );
        // A second export into the same database is refused, nothing written.
        await expect(
          runAdmin(['export-to-postgres', scratch.url], { dataDir }),
        ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not empty/) });
      } finally {
        await moved.context.transparency?.checkpoints.stop();
        await database.close();
      }
    });
  }
});
