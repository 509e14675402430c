import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '@skillproof/demo';
import { runWallet } from './fixtures/in-process-wallet.js';

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
    expect(output).toMatch(/no credential for "git-basics" was presented/);
  });
});
