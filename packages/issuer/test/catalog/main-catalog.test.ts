import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built issuer (`node dist/main.js`) finds the catalogue that ships with it, and refuses to
// start on a bad catalogue, naming the file and the field.
const mainJs = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

interface Run {
  code: number | null;
  log: string;
  bound?: string;
  stop(): Promise<void>;
}

function startMain(env: Record<string, string>): Promise<Run> {
  if (!existsSync(mainJs)) {
    throw new Error(`${mainJs} is missing: run \`pnpm run build\` first`);
  }
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: '0',
      ISSUER_KEY_SECRET: 'main catalogue test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  return new Promise<Run>((resolve) => {
    let log = '';
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const listening = log.split('\n').find((line) => line.includes('issuer listening'));
      if (listening) {
        const { bound } = JSON.parse(listening) as { bound: string };
        resolve({ code: null, log, bound, stop });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => resolve({ code, log, stop }));
  });
}

describe('the issuer process and its catalogue', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillproof-main-catalog-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the default catalogue and its images from dist', async () => {
    const run = await startMain({ DATA_DIR: tempDir() });
    try {
      expect(run.bound).toBeDefined();
      const catalog = (await (await fetch(`${run.bound}/catalog`)).json()) as {
        badges: Array<{ id: string }>;
      };
      expect(catalog.badges.map((badge) => badge.id)).toEqual(
        expect.arrayContaining(['git-basics', 'russian-history-1', 'python-problems-1']),
      );
      const image = await fetch(`${run.bound}/badges/python-problems-1/image.svg`);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    } finally {
      await run.stop();
    }
  }, 60_000);

  it('stops at start-up on a bad catalogue file, naming the file and the field', async () => {
    const catalogDir = tempDir();
    writeFileSync(
      join(catalogDir, 'broken.json'),
      JSON.stringify({
        id: 'broken',
        name: 'Broken',
        passRule: { kind: 'min-score', minScore: 101 },
      }),
    );
    const run = await startMain({ DATA_DIR: tempDir(), ISSUER_CATALOG_DIR: catalogDir });
    await run.stop();
    expect(run.code).toBe(1);
    expect(run.bound).toBeUndefined();
    expect(run.log).toContain('issuer failed to start: CONFIGURATION_INVALID: catalogue file');
    expect(run.log).toContain(join(catalogDir, 'broken.json'));
    expect(run.log).toMatch(/broken\.json: description: /);
  }, 60_000);
});
