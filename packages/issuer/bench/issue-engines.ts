// bench/issue, engines: `POST /credentials/issue` over loopback HTTP against the built issuer
// (dist/main.js, as `pnpm start` runs it) on SQLite one instance, PostgreSQL one instance and
// PostgreSQL two instances (two processes on one database), one after another in one run, each
// on a fresh database, with the same closed-loop load: BENCH_CONNECTIONS requests in flight,
// spread round-robin over the instances by the client (what a load balancer in front does).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchPostgresDatabase } from '@skillproof/server/database';

const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const adminToken = 'bench-admin-token-0123456789';
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

interface Configuration {
  name: string;
  instances: number;
  postgres: boolean;
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  refused: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts one built issuer on `port`; resolves once it listens. */
async function startIssuer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [mainJs], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('issuer listening')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the issuer exited (${code}):\n${output}`)));
  });
  return child;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** `count` issuances, `inFlight` at a time, round-robin over `urls`; latencies in ms. */
async function drive(
  urls: string[],
  did: string,
  count: number,
  inFlight: number,
): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const body = JSON.stringify({
    credential: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: did,
      credentialSubject: { id: learnerDid, skill: 'benchmarking' },
    },
  });
  const latencies: number[] = [];
  let next = 0;
  let refused = 0;
  const one = (url: string) =>
    new Promise<number>((resolve, reject) => {
      const post = request(
        `${url}/credentials/issue`,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${adminToken}`,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      post.on('error', reject);
      post.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const url = urls[next % urls.length] as string;
        next += 1;
        const at = performance.now();
        const status = await one(url);
        latencies.push(performance.now() - at);
        if (status !== 201) refused += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    refused,
  };
}

/**
 * Runs the comparison on the PostgreSQL server at `serverUrl` (a role that may CREATE DATABASE)
 * and prints one line per configuration.
 */
export async function compareIssuerEngines(serverUrl: string): Promise<void> {
  const count = Number(process.env['BENCH_ENGINE_ISSUANCES'] ?? 2000);
  const inFlight = Number(process.env['BENCH_CONNECTIONS'] ?? 16);
  const warm = Math.max(200, Math.round(count / 5));
  const configurations: Configuration[] = [
    { name: 'SQLite, 1 instance', instances: 1, postgres: false },
    { name: 'PostgreSQL, 1 instance', instances: 1, postgres: true },
    { name: 'PostgreSQL, 2 instances', instances: 2, postgres: true },
  ];
  console.log(
    `\nbench/issue, engines — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  );
  console.log(
    `POST /credentials/issue (status entries, EdDSA JWT, storage, transparency log entry), ${count} issuances after ${warm} warm-up, ${inFlight} in flight round-robin over the instances; PostgreSQL pool 10 per process, server on this machine\n`,
  );
  const results: Array<{ name: string; figures: Figures }> = [];
  for (const configuration of configurations) {
    const scratch = configuration.postgres
      ? await createScratchPostgresDatabase(serverUrl, 'bench_issue')
      : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-issue-engine-'));
    const ports = await Promise.all(
      Array.from({ length: configuration.instances }, () => freePort()),
    );
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    const env = {
      DATA_DIR: dataDir,
      ISSUER_URL: 'http://issuer.bench',
      ISSUER_ADMIN_TOKEN: adminToken,
      ISSUER_KEY_SECRET: 'bench key secret',
      ISSUER_PUZZLE_SECRET: 'bench puzzle secret 0123456789',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    };
    // The first instance makes the schema and the key; the others start on them.
    const children: ChildProcess[] = [await startIssuer(ports[0] as number, env)];
    children.push(...(await Promise.all(ports.slice(1).map((port) => startIssuer(port, env)))));
    try {
      const profile = await fetch(`${urls[0]}/issuer`);
      const { id: did } = (await profile.json()) as { id: string };
      await drive(urls, did, warm, inFlight);
      const figures = await drive(urls, did, count, inFlight);
      results.push({ name: configuration.name, figures });
      if (figures.refused > 0) process.exitCode = 1;
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(
        children.map((child) => new Promise((resolve) => child.once('exit', resolve))),
      );
      rmSync(dataDir, { recursive: true, force: true });
      await scratch?.drop();
    }
  }
  const baseline = results[0]?.figures.perSecond ?? 1;
  for (const { name, figures } of results) {
    console.log(
      `  ${name.padEnd(26)} ${figures.perSecond.toFixed(0).padStart(6)} /s   p50 ${figures.p50.toFixed(1).padStart(6)} ms   p99 ${figures.p99.toFixed(1).padStart(6)} ms   ${((figures.perSecond / baseline) * 100).toFixed(0).padStart(4)} % of SQLite${figures.refused > 0 ? `   not 201: ${figures.refused}` : ''}`,
    );
  }
  const two = results[2]?.figures.perSecond ?? 0;
  console.log(
    `\n  target: PostgreSQL 2 instances >= SQLite 1 instance   ${two >= baseline ? 'met' : 'NOT met'}`,
  );
}
