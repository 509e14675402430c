import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { findBadge, loadDefaultCatalog } from '@skillproof/issuer';
import {
  initCommand,
  practiceCommand,
  progressCommand,
  walletPaths,
  WalletStore,
  type PracticeDueResult,
  type PracticeResult,
} from '@skillproof/wallet-cli';
import { badgeCredential, makeIdentity, signCredential } from '@skillproof/testing';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';

// `skillproof practice` against the real issuer on loopback: its catalogue's practice items,
// fetched once, then practised offline, and the learner's progress read back.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-wallet-practice-'));
let services: DemoServices;
beforeAll(async () => {
  services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10 });
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const git = findBadge(loadDefaultCatalog(), 'git-basics');

/** Right answers to every practice item of Git Basics but `wrong`, answered wrong. */
function answersFile(name: string, wrong: string): string {
  const answers = Object.fromEntries(
    git.practice.map((item) => {
      if (item.id === wrong) return [item.id, 'git frobnicate'];
      return [item.id, item.kind === 'quiz' ? item.answer : (item.acceptedAnswers[0] ?? '')];
    }),
  );
  const path = join(dataDir, name);
  writeFileSync(path, JSON.stringify(answers));
  return path;
}

describe('skillproof practice against the real issuer', () => {
  it('fetches the practice items once, practises offline, and shows retention and streaks', async () => {
    const made = inProcessWalletContext({
      home: join(dataDir, 'home'),
      issuerUrl: services.issuer.url,
    });
    const json = { ...made.context, output: { ...made.context.output, json: true } };
    const { did } = await initCommand(made.context);
    const file = answersFile('answers.json', 'p2');
    // A badge held from another academy, ending in ten days: progress reminds of it.
    const academy = makeIdentity();
    const endsAt = new Date(Date.now() + 10 * 24 * 3600 * 1000 + 3600 * 1000);
    const lapsing = signCredential(
      academy,
      badgeCredential(academy, did, {
        expirationDate: endsAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      }),
    );
    WalletStore.open(made.context.home).saveCredential(lapsing.proof.jwt, {
      receivedAt: new Date(),
    });

    const first = (await practiceCommand(json, 'git-basics', { answers: file })) as PracticeResult;
    expect(first.reviewed.map((entry) => [entry.item, entry.correct])).toEqual([
      ['p1', true],
      ['p2', false],
      ['p3', true],
      ['p4', true],
      ['p5', true],
    ]);
    expect(first.decks).toEqual([
      expect.objectContaining({
        issuer: services.issuer.url,
        badge: 'git-basics',
        name: 'Git Basics',
        due: 0,
        new: git.practice.length - 5,
      }),
    ]);

    // The issuer is gone from the network's point of view: the kept items are practised.
    const requests: string[] = [];
    const offline = {
      ...json,
      fetch: (async (input: string | URL | Request) => {
        requests.push(String(input));
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    };
    const second = (await practiceCommand(offline, 'git-basics', {
      answers: file,
      new: '10',
    })) as PracticeResult;
    expect(second.reviewed.map((entry) => entry.item)).toEqual(
      git.practice.slice(5).map((item) => item.id),
    );
    expect(requests).toEqual([`${services.issuer.url}/catalog/git-basics/practice`]);
    const due = (await practiceCommand(offline, undefined, { due: true })) as PracticeDueResult;
    expect(due.decks).toEqual([expect.objectContaining({ due: 0, new: 0 })]);

    const before = readFileSync(walletPaths(made.context.home).data, 'utf8');
    await expect(practiceCommand(json, 'no-such-badge', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(readFileSync(walletPaths(made.context.home).data, 'utf8')).toBe(before);

    made.printed.stdout = '';
    await progressCommand(json, {});
    const progress = JSON.parse(made.printed.stdout) as {
      practice: { retention: unknown[]; streaks: unknown; due: unknown[] };
      lapsing: unknown[];
    };
    const reviews = git.practice.length;
    expect(progress.practice.retention).toEqual([
      {
        issuer: services.issuer.url,
        badge: 'git-basics',
        reviews,
        recalled: reviews - 1,
        retention: (reviews - 1) / reviews,
      },
    ]);
    expect(progress.practice.streaks).toMatchObject({ current: 1, longest: 1 });
    expect(progress.practice.due).toEqual([expect.objectContaining({ badge: 'git-basics' })]);
    expect(progress.lapsing).toEqual([
      expect.objectContaining({ name: 'Git Basics', issuer: 'Test Academy', daysLeft: 10 }),
    ]);

    made.printed.stdout = '';
    await progressCommand(made.context, {});
    expect(made.printed.stdout).toContain('Practice — streak: 1 day (longest 1)');
    expect(made.printed.stdout).toMatch(/git-basics +90% +10 +0 +0/);
    expect(made.printed.stdout).toContain(
      `! Git Basics (Test Academy) lapses ${endsAt.toISOString().slice(0, 10)}, in 10 days: renew it with \`skillproof renew git-basics\``,
    );
  });
});
