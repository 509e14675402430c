import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import {
  createScratchPostgresDatabase,
  type ScratchPostgresDatabase,
} from '@skillproof/server/database';
import {
  makeIdentity,
  requirePostgresVariable,
  signPresentation,
  testPostgresUrl,
  type TestIdentity,
  callService,
  type ServiceAnswer,
} from '@skillproof/testing';
import {
  runJobboardAdmin,
  startDatabaseRelay,
  startJobboardInstance,
  stopJobboardInstances,
  type DatabaseRelay,
  type JobboardInstance,
} from '../fixtures/jobboard-instances.js';
import { signedBadge } from '../fixtures/signed-badge.js';

// Issue 18: several job board processes on one PostgreSQL database give the answers one gives.
// Each suite has a database of its own on the test server (SKILLPROOF_TEST_DATABASE_URL); the
// instances are the built board (dist/main.js), each a process of its own on 127.0.0.1.

jest.setTimeout(120_000);

const serverUrl = testPostgresUrl();
const domain = 'https://jobs.test';
const adminToken = 'admin-token-for-instances-0123456789';
const achievementId = 'https://academy.test/achievements/sql-basics';

type Answer = ServiceAnswer;

const call = callService;

function boardEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '4',
    DATABASE_STATEMENT_TIMEOUT_MS: '5000',
    JOBBOARD_URL: domain,
    JOBBOARD_ADMIN_TOKEN: adminToken,
    JOBBOARD_KEY_SECRET: 'board-key-secret-for-instances',
    JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE: '100000',
    ...extra,
  };
}

/** An employer and a posting asking for one badge, made through `board`'s API. */
async function employerAndPosting(
  board: string,
  academy: TestIdentity,
): Promise<{ token: string; postingId: string }> {
  const employer = await call(`${board}/api/employers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name: 'Acme Analytics' }),
  });
  expect(employer.status).toBe(201);
  const { token } = employer.body as { token: string };
  const posting = await call(`${board}/api/postings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({
      title: 'Junior data analyst',
      description: 'SQL, day one.',
      requirements: [{ achievementId, acceptedIssuers: [academy.did] }],
    }),
  });
  expect(posting.status).toBe(201);
  return { token, postingId: (posting.body as { id: string }).id };
}

/** A presentation of the badge by `holder`, answering a fresh request `board` made. */
async function presentationVia(
  board: string,
  postingId: string,
  academy: TestIdentity,
  holder: TestIdentity,
): Promise<string> {
  const request = await call(`${board}/api/postings/${postingId}/presentation-request`, {
    method: 'POST',
  });
  expect(request.status).toBe(201);
  const { nonce } = request.body as { nonce: string };
  return signPresentation(holder, [signedBadge(academy, holder, achievementId)], {
    nonce,
    aud: domain,
    nbf: Math.floor(Date.now() / 1000) - 5,
  });
}

function apply(board: string, postingId: string, presentation: string): Promise<Answer> {
  return call(`${board}/api/postings/${postingId}/applications`, {
    method: 'POST',
    body: JSON.stringify({ presentation }),
  });
}

async function applicationIds(board: string, postingId: string, token: string): Promise<string[]> {
  const listed = await call(`${board}/api/postings/${postingId}/applications`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(listed.status).toBe(200);
  return (listed.body as { applications: Array<{ id: string }> }).applications.map(
    (application) => application.id,
  );
}

if (serverUrl === undefined) {
  describe('job board instances on one PostgreSQL database', () => {
    it('run only with SKILLPROOF_TEST_DATABASE_URL (.ci/run sets it; see the README)', () => {
      // testPostgresUrl() has already failed this file if the run requires PostgreSQL.
      expect(process.env[requirePostgresVariable]).not.toBe('1');
    });
  });
} else {
  describe('job board instances on one PostgreSQL database', () => {
    const academy = makeIdentity();
    let scratch: ScratchPostgresDatabase;
    let relay: DatabaseRelay;
    let instances: JobboardInstance[];
    let token: string;
    let postingId: string;

    beforeAll(async () => {
      scratch = await createScratchPostgresDatabase(serverUrl, 'jobboard_instances');
      relay = await startDatabaseRelay(scratch.url);
      // The migrate command runs before the instances roll out (they would migrate too: it is
      // idempotent and serialised by an advisory lock).
      const migrated = await runJobboardAdmin(['migrate'], boardEnv(relay.url));
      expect(migrated).toMatchObject({
        code: 0,
        output: expect.stringContaining('jobboard: applied 1, 2, 3, 4, 5, 6'),
      });
      // Three at once: they race to make the board's DID; one makes it, all use it.
      instances = await Promise.all(
        [1, 2, 3].map(() => startJobboardInstance(boardEnv(relay.url))),
      );
      ({ token, postingId } = await employerAndPosting(instances[0]?.url ?? '', academy));
    });

    afterAll(async () => {
      await stopJobboardInstances();
      await relay.close();
      await scratch.drop();
    });

    const board = (index: number): string => instances[index % instances.length]?.url ?? '';

    it('are ready, share one board DID and say so', async () => {
      for (const instance of instances) {
        expect(await call(`${instance.url}/healthz`)).toEqual({
          status: 200,
          body: { status: 'ok' },
        });
        expect(await call(`${instance.url}/readyz`)).toEqual({
          status: 200,
          body: { status: 'ready' },
        });
      }
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(
          "SELECT COUNT(*) AS n FROM agent_identifiers WHERE alias = 'jobboard'",
        );
        expect(rows).toEqual([{ n: '1' }]);
      } finally {
        await client.end();
      }
    });

    it('decide a 50-way race for one presentation nonce across instances exactly once', async () => {
      const holder = makeIdentity();
      const presentation = await presentationVia(board(2), postingId, academy, holder);
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, index) => apply(board(index), postingId, presentation)),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      const winner = (answers.find((answer) => answer.status === 201)?.body as { id: string }).id;
      for (const index of [0, 1, 2]) {
        expect(await applicationIds(board(index), postingId, token)).toContain(winner);
      }
    });

    it('lose nothing they acknowledged when one is killed (SIGKILL) mid-request', async () => {
      const victim = await startJobboardInstance(boardEnv(relay.url));
      const presentations = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          presentationVia(board(index), postingId, academy, makeIdentity()),
        ),
      );
      const acknowledged: string[] = [];
      let killed = false;
      const outcomes = await Promise.allSettled(
        presentations.map(async (presentation) => {
          const answer = await apply(victim.url, postingId, presentation);
          if (answer.status === 201) acknowledged.push((answer.body as { id: string }).id);
          if (!killed) {
            killed = true;
            victim.child.kill('SIGKILL');
          }
          return answer.status;
        }),
      );
      expect(await victim.exited).toBe('SIGKILL');
      // Some requests were cut off: those were never acknowledged.
      expect(outcomes.some((outcome) => outcome.status === 'rejected')).toBe(true);
      expect(acknowledged.length).toBeGreaterThan(0);
      const stored = await applicationIds(board(0), postingId, token);
      for (const id of acknowledged) expect(stored).toContain(id);
      // And nothing half-written: every consumed nonce has its application, and the reverse.
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM presentation_nonces AS nonce
             FULL JOIN applications AS application ON application.nonce = nonce.nonce
             WHERE (nonce.consumed_at IS NULL) <> (application.id IS NULL)
               AND nonce.posting_id = $1`,
          [postingId],
        );
        expect(rows).toEqual([{ n: '0' }]);
      } finally {
        await client.end();
      }
    });

    it('answer 503, never 500, while the database restarts, and recover without a restart of their own', async () => {
      const statuses: number[] = [];
      let loading = true;
      const load = async (index: number): Promise<void> => {
        while (loading) {
          const answer =
            index % 2 === 0
              ? await call(`${board(index)}/api/postings/${postingId}`).catch(() => ({
                  status: 0,
                  body: undefined,
                }))
              : await call(`${board(index)}/api/postings/${postingId}/presentation-request`, {
                  method: 'POST',
                }).catch(() => ({ status: 0, body: undefined }));
          statuses.push(answer.status);
          if (answer.status === 500) loading = false;
        }
      };
      const workers = [0, 1, 2, 3, 4, 5].map(load);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Every backend of the board's database is ended (57P01 admin_shutdown) …
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [scratch.name],
        );
      } finally {
        await admin.end();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      // … then the server is away for a while: open connections cut, new ones refused.
      await relay.outage(1_500);
      await new Promise((resolve) => setTimeout(resolve, 500));
      loading = false;
      await Promise.all(workers);
      expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
      expect(statuses).toContain(503);
      // No instance died on the way (its output says why if one did).
      for (const instance of instances) {
        expect({
          alive: instance.child.exitCode === null,
          output: instance.child.exitCode === null ? [] : instance.output,
        }).toEqual({ alive: true, output: [] });
      }
      expect(statuses).not.toContain(0);
      // The same processes serve again: ready, and a whole application goes through each.
      for (const [index, instance] of instances.entries()) {
        expect((await call(`${instance.url}/readyz`)).status).toBe(200);
        const presentation = await presentationVia(
          instance.url,
          postingId,
          academy,
          makeIdentity(),
        );
        const answer = await apply(board(index + 1), postingId, presentation);
        expect(answer.status).toBe(201);
      }
    });
  });

  describe('a rate limit across job board instances', () => {
    let scratch: ScratchPostgresDatabase;

    beforeAll(async () => {
      scratch = await createScratchPostgresDatabase(serverUrl, 'jobboard_limits');
    });

    afterAll(async () => {
      await stopJobboardInstances();
      await scratch.drop();
    });

    it('holds: 10 presentation requests a minute per address, however they are spread', async () => {
      const env = boardEnv(scratch.url, { JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE: '10' });
      const first = await startJobboardInstance(env);
      const second = await startJobboardInstance(env);
      const { postingId } = await employerAndPosting(first.url, makeIdentity());
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          call(
            `${(index % 2 === 0 ? first : second).url}/api/postings/${postingId}/presentation-request`,
            {
              method: 'POST',
            },
          ),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    });
  });
}
