import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// `pnpm start` (packages/demo/dist/start-all.js) and the README's employer command
// (packages/jobboard/dist/admin/bin.js) run as pnpm runs them: from their package's folder, with
// INIT_CWD the folder the user typed the command in — here a scratch "repository root".
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const startAll = join(repoRoot, 'packages/demo/dist/start-all.js');
const jobboardAdmin = join(repoRoot, 'packages/jobboard/dist/admin/bin.js');
const userRoot = mkdtempSync(join(tmpdir(), 'skillproof-start-all-'));
afterAll(() => rmSync(userRoot, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Started {
  process: ChildProcess;
  output: () => string;
  /** Resolves with the output once it matches `pattern`. */
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function start(ports: Record<string, number>, args: string[] = []): Started {
  const child = spawn(process.execPath, [startAll, ...args], {
    cwd: join(repoRoot, 'packages/demo'),
    env: {
      PATH: process.env['PATH'],
      INIT_CWD: userRoot,
      ISSUER_PORT: String(ports['issuer']),
      VERIFIER_PORT: String(ports['verifier']),
      JOBBOARD_PORT: String(ports['jobboard']),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: (() => void)[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      for (const waiter of waiters) waiter();
    });
  }
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return {
    process: child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise((done, fail) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) done(match);
        };
        waiters.push(check);
        check();
        void exited.then(() => fail(new Error(`exited before ${pattern}:\n${output}`)));
      }),
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Signs in on the board's web page; where it sends a signed-in employer, else the status. */
async function signIn(port: number, email: string, password: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: `http://localhost:${port}`,
    },
    body: new URLSearchParams({ email, password }).toString(),
  });
  await response.body?.cancel();
  return response.headers.get('location') ?? String(response.status);
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

describe('pnpm start', () => {
  const ports: Record<string, number> = {};

  it('serves the README employer a sign-in, seeds labelled sample data, and outlives one service', async () => {
    for (const name of ['issuer', 'verifier', 'jobboard']) ports[name] = await freePort();
    // The README's command, as written, run from the "repository root".
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const command = readme.match(
      /^DATA_DIR=(\S+) npx -y pnpm@12\.4\.2 --filter @skillproof\/jobboard admin \\\n\s+create-employer --name "([^"]+)" --email (\S+)/m,
    );
    expect(command).not.toBeNull();
    const [, dataDir, name, email] = command as unknown as [string, string, string, string];
    const created = await run(
      process.execPath,
      [jobboardAdmin, 'create-employer', '--name', name, '--email', email],
      { PATH: process.env['PATH'], INIT_CWD: userRoot, DATA_DIR: dataDir },
      join(repoRoot, 'packages/jobboard'),
    );
    expect(created).toMatchObject({ code: 0 });
    const password = created.stdout.match(/one-time password[^:]*: (\S+)/)?.[1] ?? '';

    const started = start(ports);
    try {
      const sample = await started.waitFor(
        /SAMPLE DATA[\s\S]*email: (\S+)\n.*one-time password[^:]*: (\S+)\n[\s\S]*try: skillproof jobs (\S+)/,
      );
      const [, sampleEmail = '', samplePassword = '', board] = sample;
      expect(board).toBe(`http://localhost:${ports['jobboard']}`);
      // The README's employer and the sample one both sign in (and must choose a new password).
      expect(await signIn(ports['jobboard']!, email, password)).toBe('/employer/password');
      expect(await signIn(ports['jobboard']!, sampleEmail, samplePassword)).toBe(
        '/employer/password',
      );
      const listed = (await (
        await fetch(`http://127.0.0.1:${ports['jobboard']}/api/postings`)
      ).json()) as {
        postings: {
          title: string;
          requirements: { achievementId?: string; description: string }[];
        }[];
      };
      expect(listed.postings.map((posting) => posting.title).sort()).toEqual([
        'Junior Python developer (sample posting)',
        'Support analyst (sample posting)',
      ]);
      expect(JSON.stringify(listed.postings)).toContain(
        `http://localhost:${ports['issuer']}/achievements/python-problems-1`,
      );
      // Requirements read by name, as a newcomer's `skillproof jobs` shows them.
      const descriptions = listed.postings.flatMap((posting) =>
        posting.requirements.map((requirement) => requirement.description),
      );
      expect(descriptions).toContainEqual(expect.stringContaining('Python Problem Solver I'));
      expect(descriptions.join(' ')).not.toContain('did:key:');

      // One service stops: it is named with its exit code, the other two keep answering.
      const pid = Number(
        (await started.waitFor(/"pid":(\d+)[^\n]*jobboard listening/))[1] ?? Number.NaN,
      );
      process.kill(pid, 'SIGKILL');
      await started.waitFor(
        /skillproof: jobboard stopped \(signal SIGKILL\); issuer and verifier keep running/,
      );
      expect(await answers(`http://127.0.0.1:${ports['issuer']}/issuer`)).toBe(true);
      expect(await answers(`http://127.0.0.1:${ports['verifier']}/`)).toBe(true);
      expect(started.process.exitCode).toBeNull();
    } finally {
      started.process.kill('SIGTERM');
    }
    // SIGTERM stops the rest.
    expect(await started.exited).toBe(0);
    expect(started.output()).toMatch(/issuer stopped/);
    expect(started.output()).toMatch(/verifier stopped/);
    expect(await answers(`http://127.0.0.1:${ports['issuer']}/issuer`)).toBe(false);
    expect(await answers(`http://127.0.0.1:${ports['verifier']}/`)).toBe(false);
  }, 120_000);

  it('seeds the sample data only once', async () => {
    const started = start(ports);
    try {
      await started.waitFor(/no sample data seeded: sample data was seeded before/);
      const listed = (await (
        await fetch(`http://127.0.0.1:${ports['jobboard']}/api/postings`)
      ).json()) as { postings: unknown[] };
      expect(listed.postings).toHaveLength(2);
    } finally {
      started.process.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  }, 120_000);
});
