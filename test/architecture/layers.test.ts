// The layer rules of ARCHITECTURE.md are enforced by dependency-cruiser (`pnpm deps`, part of
// `pnpm check`). These tests show the check can fail: each puts one forbidden import into a
// scratch copy of the packages and runs the same command there.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');

let scratch: string;

/** Copies every package's sources and workspace links (not its tests or builds). */
function copyPackages(to: string): void {
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.base.json']) {
    cpSync(join(root, file), join(to, file));
  }
  for (const name of readdirSync(join(root, 'packages'))) {
    const from = join(root, 'packages', name);
    cpSync(join(from, 'src'), join(to, 'packages', name, 'src'), { recursive: true });
    cpSync(join(from, 'package.json'), join(to, 'packages', name, 'package.json'));
    // pnpm's workspace links are relative (`../../../core`): copied as links, they point into
    // the scratch copy.
    const links = join(from, 'node_modules', '@skillproof');
    if (existsSync(links)) {
      cpSync(links, join(to, 'packages', name, 'node_modules', '@skillproof'), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
  }
}

async function check(dir: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(
      depcruise,
      ['packages', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
      { cwd: dir },
    );
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

// One forbidden import per rule, all in one broken copy (one run of the check for all of them).
const forbidden: Record<string, string> = {
  'packages/issuer/src/domain/forbidden.ts':
    "import { createIssuerApp } from '../http/create-app.js';\nexport const app = createIssuerApp;\n",
  'packages/verifier/src/forbidden.ts':
    "import { openDatabase } from '@skillproof/server/sqlite';\nexport const open = openDatabase;\n",
  'packages/jobboard/src/forbidden.ts':
    "import { readIssuerConfig } from '../../issuer/src/index.js';\nexport const read = readIssuerConfig;\n",
  'packages/core/src/cycle-a.ts':
    "import { b } from './cycle-b.js';\nexport const a = (): number => b() + 1;\n",
  'packages/core/src/cycle-b.ts':
    "import { a } from './cycle-a.js';\nexport const b = (): number => a() - 1;\n",
  'packages/core/src/forbidden.ts':
    "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
};

let clean: Promise<{ ok: boolean; output: string }>;
let broken: Promise<{ ok: boolean; output: string }>;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'skillproof-layers-'));
  copyPackages(join(scratch, 'clean'));
  cpSync(join(scratch, 'clean'), join(scratch, 'broken'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const [path, text] of Object.entries(forbidden))
    writeFileSync(join(scratch, 'broken', path), text);
  clean = check(join(scratch, 'clean'));
  broken = check(join(scratch, 'broken'));
});

afterAll(async () => {
  await Promise.allSettled([clean, broken]);
  rmSync(scratch, { recursive: true, force: true });
});

describe('the layer check', () => {
  it('passes on the packages as they are', async () => {
    const result = await clean;
    expect(result.output).toContain('no dependency violations found');
    expect(result.ok).toBe(true);
  });

  it.each([
    [
      'a domain module imports the HTTP layer',
      /domain-is-pure: packages\/issuer\/src\/domain\/forbidden\.ts/,
    ],
    [
      'the verifier library imports server plumbing',
      /verifier-library-is-pure: packages\/verifier\/src\/forbidden\.ts/,
    ],
    [
      'one service imports another',
      /dependencies-point-one-way: packages\/jobboard\/src\/forbidden\.ts/,
    ],
    ['two modules import each other', /no-cycles: packages\/core\/src\/cycle-[ab]\.ts/],
    ['core imports a module that does I/O', /core-does-no-io: packages\/core\/src\/forbidden\.ts/],
  ])('fails when %s', async (_what, line) => {
    const result = await broken;
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(line);
  });
});
