import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplicationSummary } from '@skillproof/jobboard';
import {
  badgeCredential,
  makeIdentity,
  signCredential,
  signPresentation,
  type TestIdentity,
} from '@skillproof/testing';
import request from 'supertest';
import {
  adminToken,
  createEmployerViaApi,
  createPostingViaApi,
  requestPresentationViaApi,
} from './fixtures/jobboard.js';

// The built board, as `pnpm start` runs it (`pnpm check` builds dist before the tests run).
const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const domain = 'https://jobs.test';
const achievementId = 'https://academy.test/achievements/git-basics';
const dataDirs: string[] = [];

/** A process of the board that logged that it listens. */
interface ListeningProcess {
  bound: string;
  pid: number;
}

/** The built board in a child process. */
interface RunningMain {
  child: ChildProcess;
  dataDir: string;
  /** Everything it wrote, stdout and stderr, line by line. */
  output: string[];
  /** Its processes that said they listen, in order. */
  listening: ListeningProcess[];
  /** Resolves once `count` processes have said they listen; rejects if the board exits first. */
  listeningCount(count: number): Promise<ListeningProcess[]>;
  exited: Promise<number | null>;
}

/** Spawns dist/main.js with `env` over this process's; an `undefined` setting is unset. */
function spawnMain(env: Record<string, string | undefined>): RunningMain {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: build the job board first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'jobboard-main-'));
  dataDirs.push(dataDir);
  const settings = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env };
  const child = spawn(process.execPath, [mainJs], {
    env: Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const listening: ListeningProcess[] = [];
  const waiting: Array<() => void> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const readLines = (stream: NodeJS.ReadableStream | null): void => {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        const entry = JSON.parse(line) as { message?: string; bound?: string; pid?: number };
        if (entry.message?.startsWith('jobboard listening') && entry.bound && entry.pid) {
          listening.push({ bound: entry.bound, pid: entry.pid });
          for (const check of [...waiting]) check();
        }
      }
    });
  };
  readLines(child.stdout);
  readLines(child.stderr);
  const listeningCount = (count: number): Promise<ListeningProcess[]> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (listening.length >= count) resolve(listening.slice(0, count));
      };
      waiting.push(check);
      check();
      void exited.then((code) =>
        reject(new Error(`the job board exited (${code}) before listening:\n${output.join('\n')}`)),
      );
    });
  return { child, dataDir, output, listening, listeningCount, exited };
}

/** Spawns the board and resolves once `workers` processes listen, with the URL they share. */
async function startMain(
  env: Record<string, string | undefined>,
  workers: number,
): Promise<RunningMain & { url: string }> {
  const running = spawnMain(env);
  const [first] = await running.listeningCount(workers);
  // node:cluster hands the workers' listen(0) to the primary: they share one port.
  return { ...running, url: first?.bound ?? '' };
}

async function stopMain(running: RunningMain | undefined): Promise<void> {
  if (!running) return;
  const { child } = running;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await running.exited;
}

afterAll(() => {
  for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
});

/** A badge signed now (the spawned board runs on the real clock). */
function badgeFor(issuer: TestIdentity, holder: TestIdentity): string {
  const now = Date.now();
  return signCredential(
    issuer,
    badgeCredential(issuer, holder.did, {
      id: `urn:uuid:${crypto.randomUUID()}`,
      issuanceDate: new Date(now - 3_600_000).toISOString(),
      expirationDate: new Date(now + 86_400_000).toISOString(),
      credentialSubject: {
        id: holder.did,
        type: 'AchievementSubject',
        achievement: { id: achievementId, type: 'Achievement', name: 'Git Basics' },
      },
    }),
  ).proof.jwt;
}

async function presentationOf(
  boardUrl: string,
  holder: TestIdentity,
  postingId: string,
  credential: string,
): Promise<string> {
  const { nonce, domain: audience } = await requestPresentationViaApi(boardUrl, postingId);
  return signPresentation(holder, [credential], {
    nonce,
    aud: audience,
    nbf: Math.floor(Date.now() / 1000) - 5,
  });
}

describe('JOBBOARD_WORKERS=2 (node:cluster over one SQLite file)', () => {
  let board: (RunningMain & { url: string }) | undefined;
  let boardUrl = '';

  beforeAll(async () => {
    board = await startMain(
      { JOBBOARD_WORKERS: '2', JOBBOARD_URL: domain, JOBBOARD_ADMIN_TOKEN: adminToken },
      2,
    );
    boardUrl = board.url;
  }, 30_000);

  afterAll(() => stopMain(board));

  it('decides applications on either worker and keeps one per person, the earlier as its history', async () => {
    const issuer = makeIdentity();
    const employer = await createEmployerViaApi(boardUrl);
    const posting = await createPostingViaApi(boardUrl, employer.token, [
      { type: 'badge', achievementId, acceptedIssuers: [issuer.did] },
    ]);

    const holders = [makeIdentity(), makeIdentity(), makeIdentity()];
    const distinct = await Promise.all(
      holders.map(async (holder) =>
        presentationOf(boardUrl, holder, posting.id, badgeFor(issuer, holder)),
      ),
    );
    const [first] = holders as [TestIdentity, ...TestIdentity[]];
    const replayed = await presentationOf(boardUrl, first, posting.id, badgeFor(issuer, first));
    // Keep-alive off: each request opens its own connection, so the primary spreads them over
    // both workers.
    const submit = (presentation: string) =>
      request(boardUrl)
        .post(`/api/postings/${posting.id}/applications`)
        .set('Connection', 'close')
        .send({ presentation });
    const responses = await Promise.all([
      ...distinct.map(submit),
      ...Array.from({ length: 20 }, () => submit(replayed)),
    ]);

    for (const response of responses.slice(0, distinct.length)) {
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ qualified: true });
    }
    const replays = responses.slice(distinct.length).map((response) => response.status);
    expect(replays.filter((status) => status === 201)).toHaveLength(1);
    // Refused on the nonce check (400) or when storing (409), never a 500.
    expect(replays.filter((status) => status === 400 || status === 409)).toHaveLength(19);

    const listed = await request(boardUrl)
      .get(`/api/postings/${posting.id}/applications`)
      .set('Authorization', `Bearer ${employer.token}`)
      .expect(200);
    const applications = (
      listed.body as { applications: Array<ApplicationSummary & { history: unknown[] }> }
    ).applications;
    // Four decisions by three people: one row each, the first holder's earlier one as history.
    expect(applications).toHaveLength(3);
    expect(new Set(applications.map((application) => application.holder))).toEqual(
      new Set(holders.map((holder) => holder.did)),
    );
    expect(
      applications.map((application) => [
        application.holder === first.did,
        application.history.length,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [true, 1],
        [false, 0],
        [false, 0],
      ]),
    );
  });

  it('runs the workers as two processes, and replaces one that dies', async () => {
    const workers = board?.listening ?? [];
    expect(new Set(workers.map((worker) => worker.pid)).size).toBe(2);
    expect(workers.map((worker) => worker.pid)).not.toContain(board?.child.pid);
    process.kill(workers[0]?.pid ?? 0, 'SIGKILL');
    const [, , replacement] = (await board?.listeningCount(3)) ?? [];
    expect(replacement?.bound).toBe(boardUrl);
    expect(board?.output.join('\n')).toContain('a jobboard worker exited: starting another');
    for (let attempt = 0; attempt < 4; attempt++) {
      await request(boardUrl).get('/api/postings').set('Connection', 'close').expect(200);
    }
  }, 30_000);

  it('stops every worker and exits 0 on SIGTERM', async () => {
    board?.child.kill('SIGTERM');
    expect(await board?.exited).toBe(0);
    await expect(fetch(`${boardUrl}/api/postings`)).rejects.toThrow();
  });
});

describe('a worker that cannot start', () => {
  it('stops the board with exit code 1 rather than serving on fewer workers', async () => {
    // TEST-NET-3 (RFC 5737): no interface of this machine has it, so no worker can listen.
    const board = spawnMain({
      JOBBOARD_WORKERS: '2',
      JOBBOARD_URL: domain,
      JOBBOARD_ADMIN_TOKEN: adminToken,
      HOST: '203.0.113.7',
    });
    expect(await board.exited).toBe(1);
    expect(board.listening).toEqual([]);
    expect(board.output.join('\n')).toContain(
      'a jobboard worker failed to start: stopping the board',
    );
  }, 30_000);
});

describe('without JOBBOARD_ADMIN_TOKEN', () => {
  let board: (RunningMain & { url: string }) | undefined;

  afterAll(() => stopMain(board));

  it('generates one into a file only its owner can read, and never logs it', async () => {
    board = await startMain({ JOBBOARD_URL: domain, JOBBOARD_ADMIN_TOKEN: undefined }, 1);
    const tokenFile = join(board.dataDir, 'admin-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(board.output.join('\n')).not.toContain(token);
    expect(board.output.join('\n')).toContain(tokenFile);
    await request(board.url)
      .post('/api/employers')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Acme' })
      .expect(201);
    await request(board.url)
      .post('/api/employers')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ name: 'Acme' })
      .expect(401);
  }, 30_000);
});
