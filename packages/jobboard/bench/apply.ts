// bench/apply: how many applications the job board decides per second over loopback HTTP, and
// at what latency, against the verifier library's own rate measured in the same run.
// Run: `pnpm bench:apply` from the repository root. Settings (environment):
//   BENCH_WORKERS (2)         board processes (JOBBOARD_WORKERS: node:cluster over one WAL file)
//   BENCH_CONNECTIONS (8)     autocannon connections, fixed for the run
//   BENCH_PRESENTATIONS (4000) distinct presentations applied in the measured run
//   BENCH_ROUNDS (4)          interleaved rounds of today's path and the OpenID4VP round trip
//   BENCH_ROUND_SIZE (250)    applications per path and round
//   BENCH_DATABASE_URL        a PostgreSQL server (a role that may CREATE DATABASE): instead of
//                             the above, compare in one run SQLite one instance, PostgreSQL one
//                             instance and PostgreSQL two instances (node:cluster), each on a fresh
//                             database, same presentations, same autocannon load
//   BENCH_ENGINE_PRESENTATIONS (1500) applications measured per configuration in that comparison
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  jwtPayloadFromCredential,
  openBadgesContextV3,
  signEd25519Jwt,
  vcContextV1,
} from '@skillproof/core';
import {
  createStatusListResolver,
  verifyCredential,
  verifyPresentation,
  type VerifyCredentialResult,
} from '@skillproof/verifier';
import { evaluateRequirements } from '@skillproof/verifier/requirements';
import { createScratchPostgresDatabase } from '@skillproof/server/database';
import type { Openid4vpRequestLink, Posting, PresentationRequest } from '@skillproof/jobboard';
import {
  makeIdentity,
  signStatusList,
  startStatusListServer,
  statusEntry,
  type TestIdentity,
} from '@skillproof/testing';
import {
  addFigures,
  applyOnce,
  noFigures,
  openid4vpOnce,
  quantile,
  requestAndApplyOnce,
  runRoundTrips,
  type PathFigures,
} from './round-trips.js';

const workers = Number(process.env['BENCH_WORKERS'] ?? 2);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
const measured = Number(process.env['BENCH_PRESENTATIONS'] ?? 4000);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 4);
const roundSize = Number(process.env['BENCH_ROUND_SIZE'] ?? 250);
const warmup = Math.min(1000, Math.max(200, Math.round(measured / 5)));
const holderCount = 200;
const adminToken = 'bench-admin-token-0123456789';
const academy = 'https://academy.example/achievements';
const python = `${academy}/python-problems-1`;
const sql = `${academy}/sql-basics`;
const pandas = `${academy}/pandas`;
const git = `${academy}/git-basics`;
const pythonSkill = 'https://skills.example/python';

const mainJs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'main.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function call<T>(url: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function startBoard(
  port: number,
  dataDir: string,
  settings: Record<string, string> = {},
): Promise<ChildProcess> {
  const board = spawn(process.execPath, [mainJs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JOBBOARD_URL: `http://127.0.0.1:${port}`,
      JOBBOARD_ADMIN_TOKEN: adminToken,
      JOBBOARD_WORKERS: String(workers),
      // The bench asks for thousands of nonces from one address; a deployment keeps the default.
      JOBBOARD_PRESENTATION_REQUESTS_PER_MINUTE: '1000000',
      ...settings,
    },
  });
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      await call(`http://127.0.0.1:${port}/api/postings`);
      return board;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  board.kill('SIGTERM');
  throw new Error('the job board did not start');
}

interface Holder {
  identity: TestIdentity;
  credentials: string[];
}

let serial = 0;
function signBadge(
  issuer: TestIdentity,
  holder: TestIdentity,
  achievementId: string,
  listUrls: { revocation: string; suspension: string },
  extra: Record<string, unknown> = {},
): string {
  serial += 1;
  const { result, ...achievementExtra } = extra;
  return signEd25519Jwt(
    { alg: 'EdDSA', typ: 'JWT', kid: issuer.kid },
    jwtPayloadFromCredential({
      '@context': [vcContextV1, openBadgesContextV3],
      id: `urn:uuid:00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: issuer.did,
        type: 'Profile',
        name: 'Bench Academy',
        url: 'https://academy.example',
      },
      issuanceDate: new Date(Date.now() - 86_400_000).toISOString(),
      expirationDate: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      credentialSubject: {
        id: holder.did,
        type: 'AchievementSubject',
        achievement: {
          id: achievementId,
          type: 'Achievement',
          achievementType: 'Badge',
          name: `Badge ${achievementId.split('/').at(-1) ?? ''}`,
          description: 'A bench badge.',
          criteria: { narrative: 'Pass the micro-test.' },
          ...achievementExtra,
        },
        ...(result === undefined ? {} : { result }),
      },
      credentialStatus: [
        statusEntry(listUrls.revocation, serial),
        statusEntry(listUrls.suspension, serial, 'suspension'),
      ],
    }),
    issuer.privateKey,
  );
}

function signPresentation(
  holder: TestIdentity,
  credentials: string[],
  nonce: string,
  aud: string,
): string {
  const now = Math.floor(Date.now() / 1000);
  return signEd25519Jwt(
    { alg: 'EdDSA', typ: 'JWT', kid: holder.kid },
    {
      vp: {
        '@context': [vcContextV1],
        type: ['VerifiablePresentation'],
        verifiableCredential: credentials,
      },
      iss: holder.did,
      nbf: now,
      iat: now,
      nonce,
      aud,
    },
    holder.privateKey,
  );
}

/** Runs `make(index)` for indexes 0 to `count - 1`, 16 at a time; returns what each made. */
async function sixteenAtATime<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const result: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const index = next++;
        result[index] = await make(index);
      }
    }),
  );
  return result;
}

/** A new employer's posting of `requirements` on the board at `base`. */
async function benchPosting(base: string, requirements: object[]): Promise<Posting> {
  const employer = await call<{ token: string }>(`${base}/api/employers`, {
    token: adminToken,
    body: { name: 'Bench Employer' },
  });
  return call<Posting>(`${base}/api/postings`, {
    token: employer.token,
    body: { title: 'Bench analyst', requirements },
  });
}

/** Asks the board for `count` OpenID4VP requests; returns their request URIs. */
function openid4vpRequests(base: string, postingId: string, count: number): Promise<string[]> {
  return sixteenAtATime(count, async () => {
    const created = await call<Openid4vpRequestLink>(
      `${base}/api/postings/${postingId}/openid4vp-requests`,
      { body: {} },
    );
    return created.requestUri;
  });
}

/** Asks the board for `count` presentation requests; returns their nonces. */
function nonces(base: string, postingId: string, count: number): Promise<string[]> {
  return sixteenAtATime(count, async () => {
    const request = await call<PresentationRequest>(
      `${base}/api/postings/${postingId}/presentation-request`,
      { body: {} },
    );
    return request.nonce;
  });
}

interface RunFigures {
  decisionsPerSecond: number;
  p50: number;
  p99: number;
  created: number;
  qualified: number;
  other: Map<number, number>;
}

async function drive(
  base: string,
  postingId: string,
  presentations: string[],
): Promise<RunFigures> {
  let next = 0;
  let created = 0;
  let qualified = 0;
  const other = new Map<number, number>();
  // Timed here, to the last response: autocannon ends a run (and its duration) on a tick of its
  // one-second sampler.
  const started = performance.now();
  let lastResponse = started;
  const result = await autocannon({
    url: base,
    connections,
    amount: presentations.length,
    requests: [
      {
        method: 'POST',
        path: `/api/postings/${postingId}/applications`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ presentation: presentations[next++ % presentations.length] }),
        }),
        onResponse: (status, body) => {
          lastResponse = performance.now();
          if (status !== 201) {
            other.set(status, (other.get(status) ?? 0) + 1);
            return;
          }
          created += 1;
          if ((JSON.parse(body) as { qualified: boolean }).qualified) qualified += 1;
        },
      },
    ],
  });
  const seconds = (lastResponse - started) / 1000;
  return {
    decisionsPerSecond: created / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    created,
    qualified,
    other,
  };
}

/** Times `operation` over `inputs` one at a time, on this process's core. */
async function rate<T>(
  inputs: T[],
  operation: (input: T) => Promise<void> | void,
): Promise<number> {
  for (const input of inputs.slice(0, 100)) await operation(input);
  const started = performance.now();
  for (const input of inputs) await operation(input);
  return inputs.length / ((performance.now() - started) / 1000);
}

const format = (value: number): string => Math.round(value).toLocaleString('en');
const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');

const dataDir = mkdtempSync(join(tmpdir(), 'bench-apply-'));
const issuer = makeIdentity();
const lists = await startStatusListServer();
const listUrls = {
  revocation: `${lists.url}/status/revocation`,
  suspension: `${lists.url}/status/suspension`,
};
const issuedAt = Math.floor(Date.now() / 1000) - 60;
lists.lists.set('/status/revocation', {
  body: signStatusList(issuer, listUrls.revocation, { issuedAt }),
});
lists.lists.set('/status/suspension', {
  body: signStatusList(issuer, listUrls.suspension, { purpose: 'suspension', issuedAt }),
});

/** One board configuration of the engine comparison. */
interface EngineConfiguration {
  name: string;
  workers: number;
  postgres: boolean;
}

/**
 * SQLite one instance, PostgreSQL one instance, PostgreSQL two instances (node:cluster), one
 * after another in this run: each a fresh board on a fresh database, the same kind of
 * presentations (3 credentials, 200 holders), the same autocannon load.
 */
async function compareEngines(serverUrl: string): Promise<void> {
  const count = Number(process.env['BENCH_ENGINE_PRESENTATIONS'] ?? 1500);
  const warm = Math.max(200, Math.round(count / 5));
  const configurations: EngineConfiguration[] = [
    { name: 'SQLite, 1 instance', workers: 1, postgres: false },
    { name: 'PostgreSQL, 1 instance', workers: 1, postgres: true },
    { name: 'PostgreSQL, 2 instances', workers: 2, postgres: true },
  ];
  const holders = Array.from({ length: holderCount }, (_, index) => {
    const identity = makeIdentity();
    const score = String(80 + (index % 21));
    return {
      identity,
      credentials: [
        signBadge(issuer, identity, python, listUrls, {
          result: [{ type: ['Result'], resultDescription: `${python}#score`, value: score }],
        }),
        signBadge(issuer, identity, sql, listUrls),
      ],
    };
  });
  console.log(
    `\nbench/apply, engines — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(
    `POST /api/postings/:id/applications, ${format(count)} distinct 2-credential presentations after ${format(warm)} warm-up, autocannon ${connections} connections; PostgreSQL pool 10 per process, on this machine\n`,
  );
  const results: Array<{ name: string; figures: RunFigures }> = [];
  for (const configuration of configurations) {
    const scratch = configuration.postgres
      ? await createScratchPostgresDatabase(serverUrl, 'bench_apply')
      : undefined;
    const configDir = mkdtempSync(join(tmpdir(), 'bench-apply-engine-'));
    const configPort = await freePort();
    const configBase = `http://127.0.0.1:${configPort}`;
    const configBoard = await startBoard(configPort, configDir, {
      JOBBOARD_WORKERS: String(configuration.workers),
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    });
    try {
      const posting = await benchPosting(configBase, [
        { type: 'badge', achievementId: python, acceptedIssuers: [issuer.did], minScore: 80 },
        { type: 'badge', achievementId: sql, acceptedIssuers: [issuer.did] },
      ]);
      const issued = await nonces(configBase, posting.id, warm + count);
      const jwts = issued.map((nonce, index) => {
        const holder = holders[index % holderCount] as Holder;
        return signPresentation(holder.identity, holder.credentials, nonce, configBase);
      });
      await drive(configBase, posting.id, jwts.slice(0, warm));
      const figures = await drive(configBase, posting.id, jwts.slice(warm));
      results.push({ name: configuration.name, figures });
      if (figures.created !== count || figures.qualified !== count) process.exitCode = 1;
    } finally {
      configBoard.kill('SIGTERM');
      await new Promise((resolve) => configBoard.once('exit', resolve));
      rmSync(configDir, { recursive: true, force: true });
      await scratch?.drop();
    }
  }
  const baseline = results[0]?.figures.decisionsPerSecond ?? 1;
  for (const { name, figures } of results) {
    console.log(
      `  ${name.padEnd(26)} ${format(figures.decisionsPerSecond).padStart(6)} /s   p50 ${String(figures.p50).padStart(4)} ms   p99 ${String(figures.p99).padStart(4)} ms   ${((figures.decisionsPerSecond / baseline) * 100).toFixed(0).padStart(4)} % of SQLite   201 ${figures.created} of ${count}${figures.other.size > 0 ? `   other ${JSON.stringify([...figures.other])}` : ''}`,
    );
  }
  const twoOnPostgres = results[2]?.figures.decisionsPerSecond ?? 0;
  console.log(
    `\n  target: PostgreSQL 2 instances >= SQLite 1 instance   ${verdict(twoOnPostgres >= baseline)}`,
  );
}

const benchDatabaseUrl = process.env['BENCH_DATABASE_URL']?.trim();
if (benchDatabaseUrl) {
  try {
    await compareEngines(benchDatabaseUrl);
  } finally {
    await lists.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(process.exitCode ?? 0);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const board = await startBoard(port, dataDir);
try {
  const posting = await benchPosting(base, [
    { type: 'badge', achievementId: python, acceptedIssuers: [issuer.did], minScore: 80 },
    { type: 'any-of', count: 1, achievementIds: [sql, pandas], acceptedIssuers: [issuer.did] },
    { type: 'skill', skillUrl: pythonSkill, acceptedIssuers: [issuer.did] },
  ]);

  process.stdout.write(
    `preparing ${holderCount} holders with 3 badges each and ${warmup + measured} presentations… `,
  );
  // Scores 80..100: applicants differ the way real ones do.
  const holders: Holder[] = Array.from({ length: holderCount }, (_, index) => {
    const identity = makeIdentity();
    const score = String(80 + (index % 21));
    return {
      identity,
      credentials: [
        signBadge(issuer, identity, python, listUrls, {
          result: [{ type: ['Result'], resultDescription: `${python}#score`, value: score }],
        }),
        signBadge(issuer, identity, sql, listUrls),
        signBadge(issuer, identity, git, listUrls, {
          alignment: [{ type: ['Alignment'], targetName: 'Python', targetUrl: pythonSkill }],
        }),
      ],
    };
  });
  const issued = await nonces(base, posting.id, warmup + measured);
  const presentations = issued.map((nonce, index) => {
    const holder = holders[index % holderCount] as Holder;
    return {
      nonce,
      holder,
      jwt: signPresentation(holder.identity, holder.credentials, nonce, base),
    };
  });
  console.log('done');

  console.log(
    `\nbench/apply — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(
    `board: dist/main.js with JOBBOARD_WORKERS=${workers} over one WAL SQLite file; posting of 3 clauses (badge with min score, any-of, skill)`,
  );
  console.log(
    `each request: a distinct JWT VP of 3 credentials (each with revocation + suspension entries, lists cached), its own nonce; autocannon, ${connections} connections\n`,
  );

  // In-process, one core: the verifier library alone, then the requirements' evaluation alone,
  // on the same presentations.
  const sample = presentations.slice(0, Math.min(2000, presentations.length));
  const statusLists = createStatusListResolver();
  const trustedIssuers = [{ did: issuer.did }];
  const verifierRate = await rate(sample, async ({ jwt, nonce }) => {
    const result = await verifyPresentation(jwt, {
      trustedIssuers,
      statusLists,
      challenge: nonce,
      domain: base,
    });
    if (!result.verified) throw new Error(`did not verify: ${JSON.stringify(result.errors)}`);
  });
  // The clauses are evaluated on the credentials as the verifier returns them.
  const verifiedCredentials = new Map<Holder, VerifyCredentialResult[]>();
  for (const holder of holders) {
    verifiedCredentials.set(
      holder,
      await Promise.all(
        holder.credentials.map((jwt) => verifyCredential(jwt, { trustedIssuers, statusLists })),
      ),
    );
  }
  const evaluationRate = await rate(sample, ({ holder }) => {
    const credentials = verifiedCredentials.get(holder) ?? [];
    const { qualified } = evaluateRequirements(posting.requirements, credentials, posting.labels);
    if (!qualified) throw new Error('the evaluation did not qualify the holder');
  });

  const warm = await drive(
    base,
    posting.id,
    presentations.slice(0, warmup).map((entry) => entry.jwt),
  );
  if (warm.created !== warmup) {
    throw new Error(
      `warm-up: ${warm.created} of ${warmup} created; others ${JSON.stringify([...warm.other])}`,
    );
  }
  const run = await drive(
    base,
    posting.id,
    presentations.slice(warmup).map((entry) => entry.jwt),
  );

  console.log('in-process, one core, same presentations');
  console.log(
    `  verifier library: verifyPresentation (3 credentials, status cached)  ${format(verifierRate).padStart(7)} /s`,
  );
  console.log(
    `  evaluateRequirements over the 3 verified credentials  ${format(evaluationRate).padStart(7)} /s`,
  );
  console.log(
    `\nPOST /api/postings/:id/applications over loopback (${format(measured)} requests after ${format(warmup)} warm-up)`,
  );
  console.log(
    `  decisions                                ${format(run.decisionsPerSecond).padStart(7)} /s`,
  );
  console.log(`  latency p50                              ${String(run.p50).padStart(7)} ms`);
  console.log(`  latency p99                              ${String(run.p99).padStart(7)} ms`);
  console.log(`  201 and qualified                        ${run.qualified} of ${measured}`);
  if (run.other.size > 0)
    console.log(`  other statuses                           ${JSON.stringify([...run.other])}`);
  console.log('\nratios');
  console.log(
    `  decisions/s / verifier in-process rate   ${(run.decisionsPerSecond / verifierRate).toFixed(2)}  (${workers} workers and autocannon share ${cpus().length} cores)`,
  );
  console.log('\ntargets');
  console.log(
    `  every response 201 and qualified         ${verdict(run.created === measured && run.qualified === measured)}`,
  );
  console.log(
    `  >= 800 decisions/s                       ${verdict(run.decisionsPerSecond >= 800)}`,
  );
  console.log(`  p99 < 50 ms                              ${verdict(run.p99 < 50)}`);
  if (run.created !== measured || run.qualified !== measured) process.exitCode = 1;

  // Today's path and the OpenID4VP round trip, in alternating rounds of the same size and the
  // same concurrency, so that both meet the same warm caches, WAL size and machine load.
  const today = noFigures();
  const todayWithNonce = noFigures();
  const openid4vp = noFigures();
  const total = rounds * roundSize;
  const todayNonces = await nonces(base, posting.id, total);
  const todayVps = todayNonces.map((nonce, index) =>
    signPresentation(
      (holders[index % holderCount] as Holder).identity,
      (holders[index % holderCount] as Holder).credentials,
      nonce,
      base,
    ),
  );
  const requestUris = await openid4vpRequests(base, posting.id, total);
  for (let round = 0; round < rounds; round++) {
    const offset = round * roundSize;
    addFigures(
      today,
      await runRoundTrips(roundSize, connections, (index) =>
        applyOnce(base, posting.id, todayVps[offset + index] as string),
      ),
    );
    addFigures(
      todayWithNonce,
      await runRoundTrips(roundSize, connections, (index) => {
        const holder = holders[(offset + index) % holderCount] as Holder;
        return requestAndApplyOnce(base, posting.id, (nonce) =>
          signPresentation(holder.identity, holder.credentials, nonce, base),
        );
      }),
    );
    addFigures(
      openid4vp,
      await runRoundTrips(roundSize, connections, (index) => {
        const holder = holders[(offset + index) % holderCount] as Holder;
        return openid4vpOnce(requestUris[offset + index] as string, (nonce, clientId) =>
          signPresentation(holder.identity, holder.credentials, nonce, clientId),
        );
      }),
    );
  }
  const perSecond = (figures: PathFigures) => figures.decisions / figures.seconds;
  const line = (name: string, figures: PathFigures) =>
    console.log(
      `  ${name.padEnd(40)} ${format(perSecond(figures)).padStart(7)} /s   p50 ${String(quantile(figures.latencies, 0.5)).padStart(6)} ms   p99 ${String(quantile(figures.latencies, 0.99)).padStart(6)} ms   qualified ${figures.qualified} of ${total}`,
    );
  console.log(
    `\ntoday's path vs OpenID4VP, ${rounds} interleaved rounds of ${roundSize} each, ${connections} in flight (fetch)`,
  );
  line('POST /api/postings/:id/applications', today);
  line('presentation-request + applications', todayWithNonce);
  line('OpenID4VP: GET request object + direct_post', openid4vp);
  for (const [name, figures] of [
    ['today', today],
    ['OpenID4VP', openid4vp],
  ] as const) {
    if (figures.failures.size > 0)
      console.log(`  ${name} failures ${JSON.stringify([...figures.failures])}`);
  }
  const ratio = perSecond(openid4vp) / perSecond(today);
  const ratioWithNonce = perSecond(openid4vp) / perSecond(todayWithNonce);
  console.log(`  OpenID4VP / applications alone           ${(ratio * 100).toFixed(0)} %`);
  console.log(`  OpenID4VP / presentation-request + apply ${(ratioWithNonce * 100).toFixed(0)} %`);
  console.log(`  target >= 70 % of applications alone     ${verdict(ratio >= 0.7)}`);
  console.log(`  target >= 70 % of request + apply        ${verdict(ratioWithNonce >= 0.7)}`);
  if ([today, todayWithNonce, openid4vp].some((figures) => figures.qualified !== total)) {
    process.exitCode = 1;
  }
} finally {
  board.kill('SIGTERM');
  await new Promise((resolve) => board.once('exit', resolve));
  await lists.close();
  rmSync(dataDir, { recursive: true, force: true });
}
