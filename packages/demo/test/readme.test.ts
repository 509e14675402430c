import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveOnLoopback, type LoopbackService } from '@skillproof/demo';
import { createJobboardApp, createJobboardStore } from '@skillproof/jobboard';
import { openDatabase } from '@skillproof/server/sqlite';
import { exitCodes } from '@skillproof/wallet-cli';

// The root README is what a newcomer follows in their first hour: what it names must exist, and
// its walkthrough must run top to bottom.
const readme = readFileSync(
  join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), 'README.md'),
  'utf8',
);

function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('the README', () => {
  let jobboard: LoopbackService;
  beforeAll(async () => {
    const db = openDatabase(':memory:');
    jobboard = await serveOnLoopback(async (url) =>
      createJobboardApp({
        store: await createJobboardStore(db),
        config: { url, adminToken: 'admin-token', issuerUrls: [] },
        log: { info: () => undefined, error: () => undefined },
      }),
    );
  });
  afterAll(() => jobboard.close());

  it('names only pages the job board has (a signed-out visitor is sent to sign in, never a 404)', async () => {
    const row = readme.split('\n').find((line) => line.startsWith('| jobboard | pages:'));
    const pages = [...(row ?? '').matchAll(/`(\/[^`]*)`/g)].map((match) => match[1] ?? '');
    expect(pages).toContain('/employer/password');
    for (const page of pages) {
      const response = await fetch(`${jobboard.url}${page.replace(':id', 'some-id')}`, {
        redirect: 'manual',
      });
      await response.body?.cancel();
      expect({ page, notFound: response.status === 404 && !page.includes(':id') }).toEqual({
        page,
        notFound: false,
      });
    }
  });

  it("states the wallet's exit codes as `skillproof --help` does", () => {
    const paragraph = section('Wallet walkthrough').match(/\*\*Exit codes\*\*[\s\S]*?\n\n/)?.[0];
    const text = (paragraph ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(`${exitCodes.ok} done`);
    expect(text).toContain(`${exitCodes.failure} failed`);
    expect(text).toContain(`${exitCodes.usage} usage mistake`);
    expect(text).toContain('no passphrase given and no terminal');
    expect(text).toContain(`${exitCodes.notValid} not verified / not valid`);
    expect(text).toContain(`${exitCodes.statusUnknown} status unknown / partial`);
    expect(text).toContain('`show`, `refresh`, `verify`, `tasks`, `apply`');
    expect(text).toMatch(/`apply --yes` refuses .* partial set .* `--allow-partial`/);
  });

  it('has a walkthrough that runs top to bottom', () => {
    const block = section('Wallet walkthrough').match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
    const lines = block.split('\n').map((line) => line.replace(/\s+#.*$/, ''));
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    expect(at(/pnpm@[\d.]+ start$/)).toBe(0);
    // Every badge it shows was earned above, and a file it reads was written above.
    for (const [index, line] of lines.entries()) {
      const shown = line.match(/skillproof show (\S+)/)?.[1];
      if (shown) expect(at(new RegExp(`skillproof attempt ${shown}\\b`))).toBeLessThan(index);
      const read = line.match(/skillproof (?:verify|import) (\S+)/)?.[1];
      if (read)
        expect(lines.slice(0, index).some((before) => before.includes(`--out ${read}`))).toBe(true);
    }
    // Before `jobs`, the learner earns a badge the sample postings accept (SQL or HTTP Basics).
    expect(at(/skillproof attempt (sql|http)-basics/)).toBeGreaterThan(-1);
    expect(at(/skillproof attempt (sql|http)-basics/)).toBeLessThan(at(/skillproof jobs /));
    expect(at(/skillproof jobs /)).toBeLessThan(at(/skillproof apply /));
  });
});
