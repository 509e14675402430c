import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { sql } from 'kysely';
import request from 'supertest';
import {
  checkDatabaseReadiness,
  createDatabaseRateLimiter,
  createScratchPostgresDatabase,
  databaseFromSqlite,
  isTransientDatabaseError,
  migrateDatabase,
  migrateRateLimits,
  openDatabaseFromConfig,
  readDatabaseSettings,
  type Database,
  type DatabaseMigration,
} from '@skillproof/server/database';
import { createErrorHandler, healthRouter } from '@skillproof/server/http';
import { openDatabase } from '@skillproof/server/sqlite';
import { testDatabaseEngines, testPostgresUrl, type TestDatabaseEngine } from '@skillproof/testing';

async function openTestDatabase(engine: TestDatabaseEngine): Promise<Database> {
  if (engine === 'sqlite') return databaseFromSqlite(openDatabase(':memory:'));
  const scratch = await createScratchPostgresDatabase(testPostgresUrl() ?? '', 'server_test');
  const database = openDatabaseFromConfig({
    url: scratch.url,
    sqliteFile: ':memory:',
    poolSize: 4,
  });
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

const steps: DatabaseMigration[] = [
  {
    version: 1,
    description: 'notes',
    up: async (db) => {
      await db.schema
        .createTable('notes')
        .addColumn('id', 'integer', (column) => column.primaryKey())
        .addColumn('body', 'text', (column) => column.notNull())
        .execute();
    },
  },
  {
    version: 2,
    description: 'a note',
    up: async (db) => {
      await sql`INSERT INTO notes (id, body) VALUES (1, 'first')`.execute(db);
    },
  },
];

describe.each(testDatabaseEngines())('the database layer on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('migrates each step once, from several callers at once, and refuses gaps and newer schemas', async () => {
    const applied = await Promise.all(
      [1, 2, 3, 4].map(() => migrateDatabase(database, 'notes', steps)),
    );
    expect(applied.flat().sort()).toEqual([1, 2]);
    const { rows } = await sql<{ body: string }>`SELECT body FROM notes`.execute(database.kysely);
    expect(rows).toEqual([{ body: 'first' }]);
    await expect(migrateDatabase(database, 'gaps', [{ ...steps[0]!, version: 2 }])).rejects.toThrow(
      TypeError,
    );
    await expect(migrateDatabase(database, 'notes', steps.slice(0, 1))).rejects.toThrow(
      /version 2 but this code knows only 1/,
    );
  });

  it('is ready only once every scope is at the version the code needs', async () => {
    expect(await checkDatabaseReadiness(database, { notes: 2 })).toEqual({ ready: true });
    expect(await checkDatabaseReadiness(database, { notes: 3, other: 1 })).toEqual({
      ready: false,
      reason: 'the notes schema is at version 2, this code needs 3: run migrate',
    });
  });

  it('counts rate-limit hits atomically across concurrent callers', async () => {
    await migrateRateLimits(database);
    const now = new Date('2026-12-01T00:00:00Z');
    const limiter = createDatabaseRateLimiter({
      database,
      name: 'test',
      limit: 5,
      windowMs: 1_000,
      now: () => now,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => limiter.hit('key', 'hits')),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    expect(() =>
      createDatabaseRateLimiter({ database, name: 'x', limit: 0, windowMs: 1, now: () => now }),
    ).toThrow(TypeError);
  });

  it('serves /healthz always and /readyz from the readiness check', async () => {
    const app = express();
    app.use(healthRouter({ readiness: () => checkDatabaseReadiness(database, { notes: 9 }) }));
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    const notReady = await request(app).get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.headers['retry-after']).toBe('1');
    expect(notReady.body.error.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('database errors in answers', () => {
  function appThatThrows(error: unknown) {
    const app = express();
    app.get('/boom', () => {
      throw error;
    });
    app.use(createErrorHandler({ log: { error: () => undefined } }));
    return app;
  }

  it.each([
    ['57P01 admin_shutdown', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['08006 connection_failure', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['SQLITE_BUSY', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })],
  ])('answers %s with 503 SERVICE_UNAVAILABLE and Retry-After, never 500', async (_name, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
    const res = await request(appThatThrows(error)).get('/boom');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(res.body)).not.toContain('terminating');
  });

  it('answers text PostgreSQL cannot store (NUL) with 400, and anything else stays 500', async () => {
    const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    expect((await request(appThatThrows(nul)).get('/boom')).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(isTransientDatabaseError(unique)).toBe(false);
    expect((await request(appThatThrows(unique)).get('/boom')).status).toBe(500);
  });
});

describe('readDatabaseSettings', () => {
  it('defaults to SQLite with a pool of 10 and a 10 s statement timeout', () => {
    expect(readDatabaseSettings({})).toEqual({
      url: undefined,
      poolSize: 10,
      statementTimeoutMs: 10_000,
    });
    expect(
      readDatabaseSettings({
        DATABASE_URL: 'postgres://u:p@db/x',
        DATABASE_POOL_SIZE: '3',
        DATABASE_STATEMENT_TIMEOUT_MS: '0',
      }),
    ).toEqual({ url: 'postgres://u:p@db/x', poolSize: 3, statementTimeoutMs: 0 });
  });

  it('refuses a URL of another database without echoing it (it may hold a password)', () => {
    expect(() => readDatabaseSettings({ DATABASE_URL: 'mysql://u:secret@db/x' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/,
    );
    expect(() => readDatabaseSettings({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => openDatabaseFromConfig({ url: 'mysql://x', sqliteFile: ':memory:' })).toThrow(
      TypeError,
    );
  });
});
