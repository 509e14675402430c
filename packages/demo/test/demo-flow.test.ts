import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, type WalletRunner } from '@skillproof/demo';
import { createCli, usageErrorFrom, type CommandContext } from '@skillproof/wallet-cli';

// The wallet runs in-process here (the demo itself spawns the built binary); the issuer and the
// job board are real HTTP servers on loopback with real SQLite databases, as in `pnpm demo`.
const runWallet: WalletRunner = async (args, env) => {
  let stdout = '';
  let stderr = '';
  const context = (flags: { json: boolean }): CommandContext => ({
    home: env.SKILLPROOF_HOME,
    env,
    output: {
      json: flags.json,
      color: false,
      interactive: false,
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
    },
    prompter: {
      ask: async (question) => {
        throw new Error(`the demo must not prompt: ${question}`);
      },
      askSecret: async (question) => {
        throw new Error(`the demo must not prompt: ${question}`);
      },
    },
    fetch: globalThis.fetch,
    now: () => new Date(),
    scryptLogN: 12,
  });
  try {
    await createCli(context, {
      out: (text) => void (stdout += text),
      err: (text) => void (stderr += text),
    }).parseAsync(args, {
      from: 'user',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const usage = usageErrorFrom(error);
    return {
      code: usage ? 2 : 1,
      stdout,
      stderr: `${stderr}${error instanceof Error ? error.message : String(error)}`,
    };
  }
};

const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-demo-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the demo flow end to end', () => {
  it('qualifies the learner with both badges and not the one without', async () => {
    const lines: string[] = [];
    const result = await runDemo({
      runWallet,
      dataDir,
      print: (line) => lines.push(line),
      scryptLogN: 12,
    });
    const output = lines.join('\n');
    expect(result).toMatchObject({ qualified: 1, notQualified: 1, asExpected: true });
    expect(lines.at(-1)).toBe('demo: 1 qualified, 1 not qualified — as expected');
    expect(output).toMatch(
      /\[alice\] \$ skillproof attempt git-basics[\s\S]*✔ passed Git Basics: 4\/4/,
    );
    expect(output).toMatch(
      /\[bob\] \$ skillproof attempt git-basics[\s\S]*✖ not passed Git Basics: 0\/4/,
    );
    expect(output).toMatch(/✔ qualified for "Developer, Russian history archive"/);
    expect(output).toMatch(/✖ not qualified for "Developer, Russian history archive"/);
    expect(output).toMatch(/no credential for \S+\/achievements\/git-basics was presented/);
  });
});
