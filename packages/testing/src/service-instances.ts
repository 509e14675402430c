import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One process of a built service, of several on one database. */
export interface ServiceInstance {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  child: ChildProcess;
  /** Everything it wrote, line by line. */
  output: string[];
  /** Resolves with its exit code or signal once it has exited. */
  exited: Promise<number | string | null>;
}

/** Starts, runs the admin command of, and stops processes of one built service. */
export interface ServiceInstances {
  /**
   * Starts the built service as a process of its own with `env` (DATABASE_URL and the rest) on a
   * free loopback port, in a data directory of its own; resolves once it logs that it listens.
   */
  start(env: Record<string, string>): Promise<ServiceInstance>;
  /** Runs the built `admin` command with `env`; resolves with its exit code and output. */
  runAdmin(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ code: number | null; output: string }>;
  /** Stops every instance still running and removes their data directories (for `afterAll`). */
  stopAll(): Promise<void>;
}

/**
 * Processes of a built Skillproof service (its `dist/main.js` and admin script), for tests that
 * run several instances on one database: the service logs one JSON line per event, and
 * `<name> listening …` with `bound` once it serves.
 *
 * @example
 * ```ts
 * const issuers = serviceInstances({ name: 'issuer', mainJs, adminJs });
 * const first = await issuers.start({ DATABASE_URL: url });
 * ```
 */
export function serviceInstances(service: {
  /** The word its "listening" log line starts with, and its data directories' prefix. */
  name: string;
  mainJs: string;
  adminJs: string;
}): ServiceInstances {
  const dataDirs: string[] = [];
  const children: ChildProcess[] = [];
  const childEnv = (env: Record<string, string>): Record<string, string> => {
    const dataDir = mkdtempSync(join(tmpdir(), `${service.name}-instance-`));
    dataDirs.push(dataDir);
    const settings = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env };
    return Object.fromEntries(
      Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  };
  return {
    async start(env) {
      if (!existsSync(service.mainJs)) {
        throw new Error(`${service.mainJs} is missing: build the ${service.name} first`);
      }
      const child = spawn(process.execPath, [service.mainJs], {
        env: childEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const output: string[] = [];
      const exited = new Promise<number | string | null>((resolve) =>
        child.once('exit', (code, signal) => resolve(code ?? signal)),
      );
      const url = await new Promise<string>((resolve, reject) => {
        const read = (stream: NodeJS.ReadableStream | null): void => {
          let pending = '';
          stream?.on('data', (chunk: Buffer) => {
            pending += chunk.toString('utf8');
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const line of lines) {
              output.push(line);
              // Anything not a JSON line (a crash's stack) is kept in `output` for the failure message.
              if (!line.startsWith('{')) continue;
              const entry = JSON.parse(line) as { message?: string; bound?: string };
              if (entry.message?.startsWith(`${service.name} listening`) && entry.bound) {
                resolve(entry.bound);
              }
            }
          });
        };
        read(child.stdout);
        read(child.stderr);
        void exited.then((code) =>
          reject(
            new Error(
              `the ${service.name} exited (${String(code)}) before listening:\n${output.join('\n')}`,
            ),
          ),
        );
      });
      return { url, child, output, exited };
    },
    async runAdmin(args, env) {
      const child = spawn(process.execPath, [service.adminJs, ...args], {
        env: childEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      return { code, output };
    },
    async stopAll() {
      await Promise.all(
        children.splice(0).map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) {
                resolve();
                return;
              }
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP relay in front of the database whose outage the tests control. */
export interface DatabaseRelay {
  /** The database URL with the relay's address in place of the server's. */
  url: string;
  /**
   * For `ms`, what instances see while a database server restarts: every open connection is
   * cut and new ones are dropped as they arrive.
   */
  outage(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Relays loopback connections to the database in `databaseUrl`. */
export async function startDatabaseRelay(databaseUrl: string): Promise<DatabaseRelay> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = new Socket().connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    async outage(ms) {
      down = true;
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, ms));
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A service's answer to {@link callService}: the HTTP status and the body (JSON parsed). */
export interface ServiceAnswer {
  status: number;
  body: unknown;
}

/**
 * A request to a service under test, JSON by default: the body is parsed when the answer says it
 * is JSON, kept as text otherwise (`undefined` when empty).
 *
 * @example
 * ```ts
 * const { status, body } = await callService(`${url}/api/postings`);
 * ```
 */
export async function callService(url: string, init: RequestInit = {}): Promise<ServiceAnswer> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') === true;
  return {
    status: response.status,
    body: text === '' ? undefined : json ? (JSON.parse(text) as unknown) : text,
  };
}
