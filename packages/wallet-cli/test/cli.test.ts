import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { UsageError } from '@skillproof/wallet-cli';
import { runCli } from './fixtures/run-cli.js';
import { makeTestContext } from './fixtures/test-context.js';

function run(args: string[]) {
  return runCli(makeTestContext().context, args);
}

const commands = [
  ['init'],
  ['did'],
  ['issuers'],
  ['issuers', 'add'],
  ['issuers', 'list'],
  ['tasks'],
  ['attempt'],
  ['receive'],
  ['progress'],
  ['list'],
  ['show'],
  ['verify'],
  ['refresh'],
  ['export'],
  ['import'],
  ['jobs'],
  ['present'],
  ['apply'],
  ['applications'],
  ['claim'],
];

describe('the skillproof CLI', () => {
  it('treats an unknown command as a usage error (exit 2)', async () => {
    const { outcome, written } = await run(['fly']);
    expect(outcome).toBeInstanceOf(UsageError);
    expect(written.err).toContain("unknown command 'fly'");
  });

  it('treats a missing argument or option as a usage error', async () => {
    expect((await run(['attempt'])).outcome).toBeInstanceOf(UsageError);
    expect((await run(['issuers', 'add'])).outcome).toBeInstanceOf(UsageError);
    const exported = await run(['export']);
    expect(exported.outcome).toBeInstanceOf(UsageError);
    expect(exported.written.err).toContain("required option '--out <file>'");
  });

  it.each(commands)('shows help with an example for %s', async (...command) => {
    const { outcome, written } = await run([...command, '--help']);
    expect(outcome).toBe('help');
    expect(written.out).toMatch(/Examples?:\n {2}\$ .*skillproof /);
  });

  it.each([
    ['show', /3 {2}it does not verify[\s\S]*4 {2}its status could not be checked/],
    ['refresh', /3 {2}a badge is not valid[\s\S]*4 {2}a badge's status could not be checked/],
    ['verify', /3 {2}not verified[\s\S]*4 {2}not verified only because a status list/],
    ['tasks', /4 {2}an issuer could not be reached/],
    ['present', /0 {2}presented[\s\S]*1 {2}nothing sent: the request was refused/],
    [
      'apply',
      /1 {2}not applied, nothing sent[\s\S]*4 {2}not applied: the board could not reach an issuer/,
    ],
  ])('explains the exit codes of %s in its help', async (command, codes) => {
    const { written } = await run([command, '--help']);
    expect(written.out).toContain('\nExit codes:\n');
    expect(written.out).toMatch(codes);
  });

  it('offers --json on every command that prints data', async () => {
    for (const command of commands) {
      if (command[0] === 'issuers' && command.length === 1) continue;
      const { written } = await run([...command, '--help']);
      expect(written.out).toContain('--json');
    }
  });

  it('documents the exit codes and the environment', async () => {
    const { written } = await run(['--help']);
    expect(written.out).toContain('Exit codes:');
    expect(written.out).toMatch(/2 {2}usage mistake/);
    expect(written.out).toMatch(/3 {2}not verified \/ not valid/);
    expect(written.out).toMatch(/4 {2}status unknown: something could not be checked/);
    expect(written.out).toContain('SKILLPROOF_PASSPHRASE');
    expect(written.out).toContain('--passphrase-file');
  });
});

/**
 * The modules loading `file` loads with it: its static imports and re-exports, followed through
 * the package's own files. `import type` is erased; `import()` waits until it runs.
 */
function staticallyLoaded(file: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (files.has(path)) return;
    files.add(path);
    const text = readFileSync(fileURLToPath(new URL(`../src/${path}`, import.meta.url)), 'utf8');
    // `import {…} from`, `export {…} from`, `import * as x from`, `import 'x'` (an inline
    // `{ type X }` still loads its module under verbatimModuleSyntax); never `import type`.
    const specifiers = text.matchAll(
      /^(?:import|export)\s+(?!type\s)(?:[\w$*{},\s]+?\s+from\s+)?'([^']+)'/gm,
    );
    for (const [, specifier = ''] of specifiers) {
      if (specifier.startsWith('.')) {
        visit(posix.join(posix.dirname(path), specifier).replace(/\.js$/, '.ts'));
      } else {
        packages.add(specifier);
      }
    }
  };
  visit(file);
  return { files: [...files], packages: [...packages] };
}

describe('starting skillproof', () => {
  it('loads neither the verifier, PEX nor the network code before a command asks for them', () => {
    const loaded = staticallyLoaded('bin.ts');
    expect(loaded.files).toEqual(
      expect.arrayContaining(['bin.ts', 'cli.ts', 'commands/list.ts', 'wallet/wallet-home.ts']),
    );
    // Every command is declared at start; its action is imported when it runs.
    expect(loaded.files.filter((file) => file.endsWith('-action.ts'))).toEqual([]);
    expect(loaded.packages).toContain('commander');
    expect(loaded.packages).not.toContain('@skillproof/verifier');
    expect(loaded.packages).not.toContain('@sphereon/pex');
    // Every request to a service goes through requestJson.
    expect(loaded.files).not.toContain('net/request-json.ts');
    expect(staticallyLoaded('net/issuer-client.ts').files).toContain('net/request-json.ts');
  });
});
