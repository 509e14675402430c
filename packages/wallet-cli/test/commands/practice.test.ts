import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  initCommand,
  practiceCommand,
  tasksCommand,
  UsageError,
  walletPaths,
  WalletStore,
  type PracticeDueResult,
  type PracticeResult,
} from '@skillproof/wallet-cli';
import { startPracticeIssuer } from '../fixtures/practice-issuer.js';
import { runCli } from '../fixtures/run-cli.js';
import { makeTestContext } from '../fixtures/test-context.js';
import { walletWithBadges } from '../fixtures/wallet-with-badges.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const dayMs = 24 * 60 * 60 * 1000;

async function practiceWallet(
  options: { json?: boolean; answers?: string[]; stdin?: string } = {},
) {
  const issuer = await startPracticeIssuer();
  closers.push(issuer.close);
  const test = makeTestContext({
    ...options,
    env: { SKILLPROOF_PASSPHRASE: 'correct horse battery', SKILLPROOF_ISSUER_URL: issuer.url },
  });
  await initCommand(test.context);
  test.printed.stdout = '';
  test.printed.stderr = '';
  const answersFile = (answers: unknown) => {
    const path = join(test.home, '..', `answers-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, typeof answers === 'string' ? answers : JSON.stringify(answers));
    return path;
  };
  const walletText = () => readFileSync(walletPaths(test.home).data, 'utf8');
  return { ...test, issuer, answersFile, walletText };
}

function reviewed(result: PracticeResult | PracticeDueResult) {
  return (result as PracticeResult).reviewed.map((entry) => [
    entry.item,
    entry.correct,
    entry.rating,
  ]);
}

describe('skillproof practice', () => {
  it('grades answers in the wallet and schedules them with FSRS: Good is not due tomorrow, Again is', async () => {
    const { context, clock, answersFile } = await practiceWallet();
    const start = clock.now();
    const first = (await practiceCommand(context, 'git-basics', {
      answers: answersFile({ p1: 'git log', p2: 'git pull', p3: ' .GITIGNORE ' }),
    })) as PracticeResult;
    expect(reviewed(first)).toEqual([
      ['p1', true, 'good'],
      ['p2', false, 'again'],
      ['p3', true, 'good'],
    ]);
    const due = (item: string) =>
      Date.parse(first.reviewed.find((entry) => entry.item === item)?.nextDue ?? '');
    // Again: due again within a day; Good: more than a day away.
    expect(due('p2') - start.getTime()).toBeLessThanOrEqual(dayMs);
    expect(due('p1') - start.getTime()).toBeGreaterThan(dayMs);

    // Tomorrow only the item answered wrong is due.
    clock.set(new Date(start.getTime() + dayMs).toISOString());
    const tomorrow = (await practiceCommand(context, undefined, {
      due: true,
    })) as PracticeDueResult;
    expect(tomorrow.decks).toEqual([
      expect.objectContaining({ badge: 'git-basics', due: 1, new: 0, total: 3 }),
    ]);
    const second = await practiceCommand(context, 'git-basics', {
      answers: answersFile({ p1: 'git log', p2: 'git push', p3: '.gitignore' }),
    });
    expect(reviewed(second)).toEqual([['p2', true, 'good']]);

    // After its interval, the item answered Good is due.
    clock.set(new Date(due('p1')).toISOString());
    const later = (await practiceCommand(context, 'git-basics', {
      due: true,
    })) as PracticeDueResult;
    expect(later.decks[0]).toMatchObject({ due: 2 });
    const store = WalletStore.open(context.home);
    expect(store.practice.reviews).toHaveLength(4);
    expect(store.practice.cards.map((card) => [card.item, card.reps])).toEqual([
      ['p1', 1],
      ['p2', 2],
      ['p3', 1],
    ]);
  });

  it('takes a rating from the answers file: Easy schedules further out than Good', async () => {
    const { context, answersFile } = await practiceWallet();
    const result = (await practiceCommand(context, 'git-basics', {
      answers: answersFile({ p1: { answer: 'a', rating: 'easy' }, p3: { answer: '.gitignore' } }),
    })) as PracticeResult;
    expect(reviewed(result)).toEqual([
      ['p1', true, 'easy'],
      ['p3', true, 'good'],
    ]);
    const [easy, good] = result.reviewed.map((entry) => Date.parse(entry.nextDue));
    expect(easy).toBeGreaterThan(good ?? Infinity);
  });

  it('introduces only a few new items per session (--new)', async () => {
    const { context, answersFile } = await practiceWallet({ json: true });
    const answers = answersFile({ p1: 'git log', p2: 'git push', p3: '.gitignore' });
    expect(
      reviewed(await practiceCommand(context, 'git-basics', { answers, new: '2' })),
    ).toHaveLength(2);
    expect(reviewed(await practiceCommand(context, 'git-basics', { answers, new: '2' }))).toEqual([
      ['p3', true, 'good'],
    ]);
    expect(reviewed(await practiceCommand(context, 'git-basics', { answers }))).toEqual([]);
  });

  it('runs an interactive session: a number for a quiz, Enter for the suggested rating', async () => {
    const { context, printed, asked } = await practiceWallet({
      answers: ['1', '', 'git pull', '', '.gitignore', '4'],
    });
    const result = (await practiceCommand(context, 'git-basics', {})) as PracticeResult;
    expect(reviewed(result)).toEqual([
      ['p1', true, 'good'],
      ['p2', false, 'again'],
      ['p3', true, 'easy'],
    ]);
    expect(asked[0]).toContain('Which command lists the commits?');
    expect(asked[1]).toContain('[good]');
    expect(asked[3]).toContain('[again]');
    expect(printed.stderr).toContain('✖ not quite: git push');
    expect(printed.stderr).toContain('git log walks the history.');
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^BADGE +ITEM +RESULT +RATING +NEXT REVIEW$/);
    expect(lines[2]).toMatch(/^git-basics +p2 +wrong +again +2026-11-27 \(tomorrow\)$/);
    expect(lines.at(-1)).toBe('2/3 right. Still due: 0; new left: 0.');
  });

  it('reads answers from standard input with --answers -, a quiz answer by its text', async () => {
    const { context } = await practiceWallet({
      stdin: JSON.stringify({ p1: ' GIT   Log ', p2: 'git push' }),
    });
    expect(reviewed(await practiceCommand(context, 'git-basics', { answers: '-' }))).toEqual([
      ['p1', true, 'good'],
      ['p2', true, 'good'],
    ]);
  });

  it('practises offline with the items fetched before, and says so', async () => {
    const { context, printed, answersFile, issuer } = await practiceWallet();
    await practiceCommand(context, 'git-basics', { answers: answersFile({ p1: 'git add' }) });
    const requests = issuer.requests;
    const offline = {
      ...context,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    };
    printed.stderr = '';
    const result = await practiceCommand(offline, 'git-basics', {
      answers: answersFile({ p2: 'git push' }),
    });
    expect(reviewed(result)).toEqual([['p2', true, 'good']]);
    expect(printed.stderr).toMatch(
      /offline \(.*\): practising the items of git-basics kept since 2026-11-26/,
    );
    // Without a badge, every badge practised is reviewed from what the wallet keeps: no network.
    const all = (await practiceCommand(offline, undefined, { due: true })) as PracticeDueResult;
    expect(all.decks).toEqual([expect.objectContaining({ badge: 'git-basics', new: 1 })]);
    expect(issuer.requests).toBe(requests);
  });

  it('refuses to practise a badge never fetched while offline, recording nothing', async () => {
    const { context, walletText } = await practiceWallet();
    const before = walletText();
    const offline = {
      ...context,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    };
    await expect(practiceCommand(offline, 'git-basics', {})).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('once fetched, practice works offline'),
    });
    expect(walletText()).toBe(before);
  });

  it('refuses an unknown badge with exit code 1, recording nothing', async () => {
    const { context, walletText } = await practiceWallet();
    const before = walletText();
    await expect(practiceCommand(context, 'cooking', {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no badge "cooking"'),
    });
    const run = await runCli(context, ['practice', 'cooking']);
    // Not a usage mistake and no ExitError: bin.ts exits 1 with its message.
    expect(run.outcome).toMatchObject({ code: 'NOT_FOUND' });
    expect(run.outcome).not.toBeInstanceOf(UsageError);
    await expect(practiceCommand(context, 'cooking', { due: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(walletText()).toBe(before);
  });

  it.each([
    ['an empty file', '', /must hold a JSON object/],
    ['an empty object', '{}', /holds no answers/],
    ['a list', '["git log"]', /must hold a JSON object/],
    [
      'a bad rating',
      JSON.stringify({ p1: { answer: 'a', rating: 'great' } }),
      /again, hard, good, easy/,
    ],
  ])(
    'refuses an answers file that is %s with exit code 2, recording nothing',
    async (_case, text, message) => {
      const { context, walletText, answersFile } = await practiceWallet();
      const before = walletText();
      const file = answersFile(text);
      await expect(practiceCommand(context, 'git-basics', { answers: file })).rejects.toThrow(
        UsageError,
      );
      await expect(practiceCommand(context, 'git-basics', { answers: file })).rejects.toThrow(
        message,
      );
      const run = await runCli(context, ['practice', 'git-basics', '--answers', file]);
      expect(run.outcome).toBeInstanceOf(UsageError);
      expect(walletText()).toBe(before);
    },
  );

  it('refuses answers naming no item, or no choice, before fetching items are kept', async () => {
    const { context, walletText, answersFile } = await practiceWallet();
    const before = walletText();
    await expect(
      practiceCommand(context, 'git-basics', { answers: answersFile({ p9: 'x' }) }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(
        /no practice item "p9" \(its items: p1, p2, p3\); nothing was recorded/,
      ),
    });
    await expect(
      practiceCommand(context, 'git-basics', { answers: answersFile({ p1: 'git fetch' }) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      practiceCommand(context, undefined, { answers: answersFile({ p1: 'a' }) }),
    ).rejects.toThrow(UsageError);
    await expect(practiceCommand(context, 'git-basics', { new: 'many' })).rejects.toThrow(
      UsageError,
    );
    expect(walletText()).toBe(before);
  });

  it('lists what is due as a table and as JSON', async () => {
    const { context, printed, answersFile, issuer } = await practiceWallet();
    await practiceCommand(context, undefined, { due: true });
    expect(printed.stdout).toContain('No practice yet');
    await practiceCommand(context, 'git-basics', { answers: answersFile({ p1: 'git log' }) });
    printed.stdout = '';
    await practiceCommand(context, undefined, { due: true });
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^BADGE +NAME +DUE +NEW +ITEMS +NEXT +ISSUER$/);
    expect(lines[1]).toMatch(new RegExp(`^git-basics +Git Basics +0 +2 +3 +now +${issuer.url}$`));

    const json = makeTestContext({ json: true, home: context.home, env: context.env });
    await practiceCommand(json.context, undefined, { due: true });
    expect(JSON.parse(json.printed.stdout)).toEqual({
      decks: [
        {
          issuer: issuer.url,
          badge: 'git-basics',
          name: 'Git Basics',
          due: 0,
          new: 2,
          total: 3,
          nextDue: expect.stringMatching(/^2026-1[12]-\d\dT/),
          fetchedAt: '2026-11-26T12:00:00.000Z',
        },
      ],
    });
  });

  it('prints the session as JSON with --json', async () => {
    const { context, printed, answersFile, issuer } = await practiceWallet({ json: true });
    await practiceCommand(context, 'git-basics', { answers: answersFile({ p2: 'GIT  PUSH' }) });
    expect(JSON.parse(printed.stdout)).toEqual({
      reviewed: [
        {
          issuer: issuer.url,
          badge: 'git-basics',
          item: 'p2',
          prompt: 'Which command uploads commits?',
          answer: 'GIT  PUSH',
          correct: true,
          rightAnswer: 'git push',
          rating: 'good',
          nextDue: expect.any(String),
        },
      ],
      correct: 1,
      decks: [expect.objectContaining({ badge: 'git-basics', due: 0, new: 2 })],
    });
    expect(printed.stderr).toBe('');
  });
});

describe('badges close to lapsing', () => {
  it('are named by skillproof tasks (and in its JSON) within 30 days of their end', async () => {
    const issuer = await startPracticeIssuer();
    closers.push(issuer.close);
    const made = await walletWithBadges();
    closers.push(() => made.server.close());
    // The badges end 2027-11-26T12:00Z: 31 days before, no reminder; 30 days before, one each.
    made.clock.set('2027-10-26T11:59:00Z');
    await tasksCommand(made.context, { issuer: issuer.url });
    expect(made.printed.stdout).not.toContain('lapses');
    made.clock.set('2027-10-27T12:00:00Z');
    made.printed.stdout = '';
    await tasksCommand(made.context, { issuer: issuer.url });
    expect(made.printed.stdout).toContain(
      '! Git Basics (Test Academy) lapses 2027-11-26, in 30 days: renew it with `skillproof renew git-basics`',
    );
    const json = makeTestContext({ json: true, home: made.home, env: made.context.env });
    json.clock.set('2027-11-26T11:00:00Z');
    await tasksCommand(json.context, { issuer: issuer.url });
    expect(JSON.parse(json.printed.stdout).lapsing).toEqual([
      expect.objectContaining({
        name: 'Git Basics',
        daysLeft: 0,
        expiresAt: '2027-11-26T12:00:00.000Z',
      }),
      expect.objectContaining({ name: 'SQL Basics', daysLeft: 0 }),
    ]);
    json.clock.set('2027-11-27T00:00:00Z');
    json.printed.stdout = '';
    await tasksCommand(json.context, { issuer: issuer.url });
    expect(JSON.parse(json.printed.stdout).lapsing).toEqual([]);
  });
});
