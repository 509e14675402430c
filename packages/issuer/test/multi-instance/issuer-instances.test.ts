import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import {
  createScratchPostgresDatabase,
  type ScratchPostgresDatabase,
} from '@skillproof/server/database';
import {
  requirePostgresVariable,
  testPostgresUrl,
  callService,
  type ServiceAnswer,
} from '@skillproof/testing';
import {
  runIssuerAdmin,
  startDatabaseRelay,
  startIssuerInstance,
  stopIssuerInstances,
  type DatabaseRelay,
  type IssuerInstance,
} from '../fixtures/issuer-instances.js';

// Issue 18: several issuer processes on one PostgreSQL database give the answers one gives.
// Each suite has a database of its own on the test server (SKILLPROOF_TEST_DATABASE_URL); the
// instances are the built issuer (dist/main.js), each a process of its own on 127.0.0.1.

jest.setTimeout(240_000);

const serverUrl = testPostgresUrl();
const publicUrl = 'https://academy.test';
const adminToken = 'admin-token-for-instances-0123456789';
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

type Answer = ServiceAnswer;

interface Issued {
  verifiableCredential: {
    id: string;
    credentialStatus: {
      statusPurpose: string;
      statusListCredential: string;
      statusListIndex: string;
    }[];
  };
  transparencyReceipt: { leafIndex: number };
}

const call = callService;

function issuerEnv(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '10',
    DATABASE_STATEMENT_TIMEOUT_MS: '5000',
    ISSUER_URL: publicUrl,
    ISSUER_ADMIN_TOKEN: adminToken,
    ISSUER_KEY_SECRET: 'issuer-key-secret-for-instances',
    ISSUER_PUZZLE_SECRET: 'issuer-puzzle-secret-for-instances',
    ...extra,
  };
}

/** Issues one VC-API credential through `issuer` (the admin route: allocation, signature, log). */
function issueOnce(issuer: string, did: string): Promise<Answer> {
  return call(`${issuer}/credentials/issue`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: did,
        credentialSubject: { id: learnerDid, skill: 'scaling out' },
      },
    }),
  });
}

/**
 * {@link issueOnce}, sent again after a 503 as a client behind a load balancer does (the
 * instance had no database connection free in time: nothing was issued).
 */
async function issue(issuer: string, did: string): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const answer = await issueOnce(issuer, did);
    if (answer.status !== 503 || attempt >= 20) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

async function query<Row extends object>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

if (serverUrl === undefined) {
  describe('issuer instances on one PostgreSQL database', () => {
    it('run only with SKILLPROOF_TEST_DATABASE_URL (.ci/run sets it; see the README)', () => {
      // testPostgresUrl() has already failed this file if the run requires PostgreSQL.
      expect(process.env[requirePostgresVariable]).not.toBe('1');
    });
  });
} else {
  describe('issuer instances on one PostgreSQL database', () => {
    let scratch: ScratchPostgresDatabase;
    let relay: DatabaseRelay;
    let instances: IssuerInstance[];
    let did: string;

    beforeAll(async () => {
      scratch = await createScratchPostgresDatabase(serverUrl, 'issuer_instances');
      relay = await startDatabaseRelay(scratch.url);
      // The migrate command runs before the instances roll out (they would migrate too: it is
      // idempotent and serialised by an advisory lock).
      const migrated = await runIssuerAdmin(['migrate'], issuerEnv(relay.url));
      expect(migrated).toMatchObject({
        code: 0,
        output: expect.stringContaining('issuer: applied 1, 2, 3, 4, 5, 6, 7, 8'),
      });
      // Three at once: they race to make the issuer's DID and to log the badge definitions.
      instances = await Promise.all([1, 2, 3].map(() => startIssuerInstance(issuerEnv(relay.url))));
      did = ((await call(`${instances[0]?.url}/issuer`)).body as { id: string }).id;
    });

    afterAll(async () => {
      await stopIssuerInstances();
      await relay.close();
      await scratch.drop();
    });

    const issuer = (index: number): string => instances[index % instances.length]?.url ?? '';

    it('are ready, share one DID and logged each badge definition once', async () => {
      for (const instance of instances) {
        expect(await call(`${instance.url}/healthz`)).toEqual({
          status: 200,
          body: { status: 'ok' },
        });
        expect(await call(`${instance.url}/readyz`)).toEqual({
          status: 200,
          body: { status: 'ready' },
        });
        expect(((await call(`${instance.url}/issuer`)).body as { id: string }).id).toBe(did);
      }
      const definitions = await query<{ n: string; badges: string }>(
        scratch.url,
        'SELECT COUNT(*) AS n, COUNT(DISTINCT badge) AS badges FROM issuer_log_definitions',
      );
      expect(definitions[0]?.n).toBe(definitions[0]?.badges);
    });

    it('give 1,000 concurrent issuances 1,000 distinct status indexes and 1,000 log entries', async () => {
      const before = await query<{ n: string }>(
        scratch.url,
        'SELECT COUNT(*) AS n FROM issuer_status_entries',
      );
      const beforeCredentials = await query<{ n: string }>(
        scratch.url,
        'SELECT COUNT(*) AS n FROM issuer_credentials',
      );
      const answers = await Promise.all(
        Array.from({ length: 1000 }, (_, index) => issue(issuer(index), did)),
      );
      // Every one answered 201 (the instances' logged errors say why if not).
      expect({
        refused: answers.map((answer) => answer.status).filter((status) => status !== 201),
        errors: instances.flatMap((instance) =>
          instance.output
            .filter(
              (line) =>
                line.includes('"level":"error"') &&
                !/the database is unavailable|checkpoint signing failed/.test(line),
            )
            .slice(0, 3),
        ),
      }).toEqual({ refused: [], errors: [] });
      const issued = answers.map((answer) => answer.body as Issued);
      const positions = issued.flatMap((body) =>
        body.verifiableCredential.credentialStatus.map(
          (entry) => `${entry.statusListCredential}#${entry.statusListIndex}`,
        ),
      );
      expect(positions).toHaveLength(2000);
      expect(new Set(positions).size).toBe(2000);
      // None lost: the database holds the entries handed out, each with its credential. An
      // issuance answered 503 (no connection free in time) after its reservation committed left
      // a credential the client never got: it keeps its own entries, as after a crash.
      const ids = issued.map((body) => body.verifiableCredential.id);
      const [entries] = await query<{ n: string; orphans: string; acknowledged: string }>(
        scratch.url,
        `SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE c.id IS NULL) AS orphans,
             COUNT(*) FILTER (WHERE e.credential_id = ANY($1)) AS acknowledged
           FROM issuer_status_entries e LEFT JOIN issuer_credentials c ON c.id = e.credential_id`,
        [ids],
      );
      expect(entries?.acknowledged).toBe('2000');
      expect(entries?.orphans).toBe('0');
      const [unacknowledged] = await query<{ n: string }>(
        scratch.url,
        'SELECT COUNT(*) AS n FROM issuer_credentials WHERE NOT (id = ANY($1))',
        [ids],
      );
      expect(Number(entries?.n) - Number(before[0]?.n)).toBe(
        2000 + 2 * (Number(unacknowledged?.n) - Number(beforeCredentials[0]?.n)),
      );
      // The log: one issuance entry per credential, at distinct leaves, the tree without gaps.
      const leaves = issued.map((body) => body.transparencyReceipt.leafIndex);
      expect(new Set(leaves).size).toBe(1000);
      const [logged] = await query<{ n: string; leaves: string }>(
        scratch.url,
        `SELECT COUNT(*) AS n, COUNT(DISTINCT log_leaf_index) AS leaves FROM issuer_credentials
           WHERE id = ANY($1) AND log_leaf_index IS NOT NULL`,
        [ids],
      );
      expect(logged).toEqual({ n: '1000', leaves: '1000' });
      const [tree] = await query<{ n: string; size: string }>(
        scratch.url,
        'SELECT COUNT(*) AS n, MAX(leaf_index) + 1 AS size FROM issuer_log_entries',
      );
      expect(Number(tree?.n)).toBe(Number(tree?.size));
    });

    it('lose nothing they acknowledged when one is killed (SIGKILL) mid-load', async () => {
      const victim = await startIssuerInstance(issuerEnv(relay.url));
      const acknowledged: string[] = [];
      let killed = false;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 200 }, async () => {
          const answer = await issue(victim.url, did);
          if (answer.status === 201) {
            acknowledged.push((answer.body as Issued).verifiableCredential.id);
          }
          if (!killed && acknowledged.length >= 5) {
            killed = true;
            victim.child.kill('SIGKILL');
          }
          return answer.status;
        }),
      );
      expect(await victim.exited).toBe('SIGKILL');
      expect(outcomes.some((outcome) => outcome.status === 'rejected')).toBe(true);
      expect(acknowledged.length).toBeGreaterThan(0);
      // Every acknowledged credential is stored, signed, and in the log.
      const [stored] = await query<{ n: string }>(
        scratch.url,
        `SELECT COUNT(*) AS n FROM issuer_credentials
           WHERE id = ANY($1) AND signed = 1 AND log_leaf_index IS NOT NULL`,
        [acknowledged],
      );
      expect(Number(stored?.n)).toBe(acknowledged.length);
      // Nothing half-written: no status entry without its credential, no signed credential
      // without its log entry (a reserved one not yet signed is signed on the next start).
      const [halves] = await query<{ orphans: string; unlogged: string }>(
        scratch.url,
        `SELECT
           (SELECT COUNT(*) FROM issuer_status_entries e
              WHERE NOT EXISTS (SELECT 1 FROM issuer_credentials c WHERE c.id = e.credential_id)) AS orphans,
           (SELECT COUNT(*) FROM issuer_credentials WHERE signed = 1 AND log_leaf_index IS NULL) AS unlogged`,
      );
      expect(halves).toEqual({ orphans: '0', unlogged: '0' });
      // The survivors serve on.
      expect((await issue(issuer(0), did)).status).toBe(201);
    });

    it('answer 503, never 500, while the database restarts, and recover without a restart of their own', async () => {
      const statuses: number[] = [];
      const failures: string[] = [];
      let loading = true;
      const load = async (index: number): Promise<void> => {
        while (loading) {
          const answer =
            index % 2 === 0
              ? await issueOnce(issuer(index), did).catch((error: unknown) => {
                  failures.push(String((error as { cause?: unknown }).cause ?? error));
                  return { status: 0, body: undefined };
                })
              : await call(`${issuer(index)}/log/checkpoint`).catch((error: unknown) => {
                  failures.push(String((error as { cause?: unknown }).cause ?? error));
                  return { status: 0, body: undefined };
                });
          statuses.push(answer.status);
          if (answer.status === 500) loading = false;
        }
      };
      const workers = [0, 1, 2, 3, 4, 5].map(load);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Every backend of the issuer's database is ended (57P01 admin_shutdown) …
      await query(
        serverUrl,
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [scratch.name],
      );
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
      expect(failures).toEqual([]);
      // The same processes serve again: ready, and an issuance goes through each.
      for (const instance of instances) {
        expect((await call(`${instance.url}/readyz`)).status).toBe(200);
        expect((await issue(instance.url, did)).status).toBe(201);
      }
    });
  });

  describe('a rate limit across issuer instances', () => {
    let scratch: ScratchPostgresDatabase;

    beforeAll(async () => {
      scratch = await createScratchPostgresDatabase(serverUrl, 'issuer_limits');
    });

    afterAll(async () => {
      await stopIssuerInstances();
      await scratch.drop();
    });

    it('holds: 60 sign-in requests a minute per address, however they are spread', async () => {
      const env = issuerEnv(scratch.url);
      const [first, second] = await Promise.all([
        startIssuerInstance(env),
        startIssuerInstance(env),
      ]);
      const answers = await Promise.all(
        Array.from({ length: 90 }, (_, index) =>
          call(`${(index % 2 === 0 ? first : second)?.url}/auth/challenge`, {
            method: 'POST',
            body: JSON.stringify({ did: learnerDid }),
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(60);
      expect(statuses.filter((status) => status === 429)).toHaveLength(30);
    });
  });
}
