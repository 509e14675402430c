import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from '@skillproof/core';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { correctAnswers, findBadge, loadDefaultCatalog } from '@skillproof/issuer';
import {
  applicationsCommand,
  applyCommand,
  attemptCommand,
  createTerminalPrompter,
  initCommand,
  issuersListCommand,
  jobsCommand,
  listCommand,
  progressCommand,
  tasksCommand,
  WalletStore,
  type Prompter,
} from '@skillproof/wallet-cli';
import { inProcessWalletContext, noPrompts } from './fixtures/in-process-wallet.js';
import { postToJobboard } from './fixtures/post-to-jobboard.js';

// The wallet's commands against the real issuer and job board on loopback.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-wallet-services-'));
let services: DemoServices;
beforeAll(async () => {
  services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10 });
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let homes = 0;
function walletContext(options: { prompter?: Prompter; fetch?: typeof fetch } = {}) {
  return inProcessWalletContext({
    home: join(dataDir, `home-${++homes}`),
    issuerUrl: services.issuer.url,
    ...options,
  });
}

function gitAnswersFile(): string {
  const path = join(dataDir, 'git-answers.json');
  writeFileSync(
    path,
    JSON.stringify(correctAnswers(findBadge(loadDefaultCatalog(), 'git-basics'))),
  );
  return path;
}

async function createPosting(achievementSlug: string): Promise<string> {
  const post = (path: string, token: string, body: unknown) =>
    postToJobboard<{ id: string; token: string }>(services.jobboard.url, path, token, body);
  const employer = await post('/api/employers', services.jobboard.adminToken, { name: 'Employer' });
  const posting = await post('/api/postings', employer.token, {
    title: 'Git person',
    description: '',
    requirements: [
      {
        achievementId: `${services.issuer.url}/achievements/${achievementSlug}`,
        acceptedIssuers: [services.issuer.did],
      },
    ],
  });
  return `${services.jobboard.url}/postings/${posting.id}`;
}

describe('the wallet against real services', () => {
  it('takes a quiz through interactive prompts, whatever order the choices come in', async () => {
    const badge = findBadge(loadDefaultCatalog(), 'git-basics');
    const key = correctAnswers(badge);
    const asked: string[] = [];
    const prompter: Prompter = {
      ...noPrompts,
      ask: async (question) => {
        asked.push(question);
        const task = badge.tasks.find((candidate) => question.includes(candidate.prompt));
        const right =
          task?.kind === 'quiz'
            ? task.choices.find((choice) => choice.id === key[task.id])
            : undefined;
        const line = question.split('\n').find((text) => right && text.endsWith(`) ${right.text}`));
        return line?.trim().split(')')[0] ?? 'not found';
      },
    };
    const { context, printed } = walletContext({ prompter });
    await initCommand(context);
    const result = await attemptCommand(context, 'git-basics', {});
    expect(asked).toHaveLength(badge.tasks.length);
    expect(result).toMatchObject({ passed: true, score: 100 });
    expect(printed.stdout).toContain('✔ passed Git Basics: 4/4');
    expect((await listCommand(context)).map((entry) => entry.badge)).toEqual(['Git Basics']);
    // The issuer it was earned from is known now, in the same write, so `show` trusts it.
    expect(await issuersListCommand(context)).toEqual([
      expect.objectContaining({ url: services.issuer.url, did: services.issuer.did }),
    ]);
  });

  it('refuses and does not store a credential altered on its way from the issuer', async () => {
    const tampering: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/answers')) return response;
      const body = (await response.json()) as { verifiableCredential?: { name?: string } };
      if (body.verifiableCredential) body.verifiableCredential.name = 'Git Grandmaster';
      return new Response(JSON.stringify(body), {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    };
    const { context } = walletContext({ fetch: tampering });
    await initCommand(context);
    await expect(
      attemptCommand(context, 'git-basics', { answers: gitAnswersFile() }),
    ).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringContaining('did not verify'),
    });
    expect(await listCommand(context)).toEqual([]);
  });

  it('says plainly when the issuer is unreachable', async () => {
    const { context } = walletContext();
    await expect(tasksCommand(context, { issuer: 'http://127.0.0.1:9' })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: 'http://127.0.0.1:9 is unreachable; is the service running?',
    });
  });

  it('sends nothing when no badge meets the posting, or when the learner declines', async () => {
    const postingUrl = await createPosting('git-basics');
    const empty = walletContext();
    await initCommand(empty.context);
    await expect(applyCommand(empty.context, postingUrl, { yes: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const declining = walletContext({ prompter: { ...noPrompts, ask: async () => 'n' } });
    await initCommand(declining.context);
    await attemptCommand(declining.context, 'git-basics', { answers: gitAnswersFile() });
    await expect(applyCommand(declining.context, postingUrl, {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'not applied: you declined to share',
    });
    expect(declining.printed.stderr).toContain('These badges will be shared, and nothing else');
  });

  it('finds the jobs it qualifies for without sending the board anything but GETs', async () => {
    const postingUrl = await createPosting('git-basics');
    const sent: Array<{ method: string; url: string; body: string }> = [];
    const recording: typeof fetch = async (input, init) => {
      sent.push({
        method: init?.method ?? 'GET',
        url: String(input),
        body: typeof init?.body === 'string' ? init.body : '',
      });
      return fetch(input, init);
    };
    const { context } = walletContext();
    const { did } = await initCommand(context);
    await attemptCommand(context, 'git-basics', { answers: gitAnswersFile() });
    const [badge] = WalletStore.open(context.home).credentials;
    expect(badge).toMatchObject({
      format: 'jwt_vc_json',
      credential: expect.stringMatching(/^ey/),
    });
    const postings = await jobsCommand({ ...context, fetch: recording }, services.jobboard.url);
    expect(postings.find((posting) => postingUrl.endsWith(posting.id))?.qualified).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((request) => request.method !== 'GET' || request.body !== '')).toEqual([]);
    // Nothing of the wallet goes out: no badge (not even its id), no DID.
    const everything = JSON.stringify(sent);
    for (const secret of [badge?.credential, badge?.id, did])
      expect(everything).not.toContain(secret);
    expect(JSON.stringify(sent)).not.toContain(context.env['SKILLPROOF_PASSPHRASE']);
  });

  it('sends the board exactly the badges it showed, and no other', async () => {
    const postingUrl = await createPosting('git-basics');
    const presentations: string[] = [];
    // The wallet answers the board's OpenID4VP request by direct_post: a form whose vp_token maps
    // each credential query to its presentations.
    const capturing: typeof fetch = async (input, init) => {
      if (String(input).includes('/oid4vp/responses/') && init?.body !== undefined) {
        const form = new URLSearchParams(String(init.body));
        const token = JSON.parse(form.get('vp_token') ?? '{}') as Record<string, string[]>;
        presentations.push(...Object.values(token).flat());
      }
      return fetch(input, init);
    };
    const { context, printed } = walletContext({ fetch: capturing });
    const { did } = await initCommand(context);
    await attemptCommand(context, 'git-basics', { answers: gitAnswersFile() });
    const python = findBadge(loadDefaultCatalog(), 'python-problems-1');
    const pythonAnswers = join(dataDir, `python-${homes}.json`);
    writeFileSync(
      pythonAnswers,
      JSON.stringify(
        correctAnswers(python, { learnerDid: did, puzzleSecret: services.issuer.puzzleSecret }),
      ),
    );
    await attemptCommand(context, 'python-problems-1', { answers: pythonAnswers });
    const held = WalletStore.open(context.home).credentials;
    expect(held).toHaveLength(2);
    const git = held.find((entry) => entry.name === 'Git Basics');

    const decision = await applyCommand(context, postingUrl, { yes: true });
    expect(decision).toMatchObject({ qualified: true, sharedCredentials: [git?.id] });
    expect(printed.stderr).toContain(
      'These badges will be shared, and nothing else:\n  • Git Basics',
    );
    expect(printed.stderr).not.toContain('• Python');
    const decisionTable = printed.stdout.trimEnd().split('\n').slice(-3);
    expect(decisionTable).toEqual([
      '✔ qualified for "Git person"',
      expect.stringMatching(/^REQUIREMENT +MET +REASON$/),
      expect.stringMatching(/^\S+ +yes +\S/),
    ]);
    expect(presentations).toHaveLength(1);
    const { payload } = decodeJwt(presentations[0]);
    const vp = payload['vp'] as { verifiableCredential: string[] };
    expect(vp.verifiableCredential).toEqual([git?.credential]);
    expect(payload).toMatchObject({ iss: did });
    // Addressed to the board's client id (its did:key, with the OpenID4VP prefix).
    expect(payload['aud']).toMatch(/^decentralized_identifier:did:key:z6Mk/);
  });

  it('shows what it shares before asking, with --json too, and sends nothing when declined', async () => {
    const postingUrl = await createPosting('git-basics');
    const submitted: string[] = [];
    const watching: typeof fetch = async (input, init) => {
      if (String(input).includes('/oid4vp/responses/')) submitted.push(String(input));
      return fetch(input, init);
    };
    const asked: string[] = [];
    const { context, printed } = walletContext({
      prompter: { ...noPrompts, ask: async (question) => (asked.push(question), 'no') },
    });
    await initCommand(context);
    await attemptCommand(context, 'git-basics', { answers: gitAnswersFile() });
    const scripted = { ...context, fetch: watching, output: { ...context.output, json: true } };
    printed.stderr = '';
    await expect(applyCommand(scripted, postingUrl, {})).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(asked).toEqual(['Share them and apply? [y/N] ']);
    expect(printed.stderr).toContain(
      'These badges will be shared, and nothing else:\n  • Git Basics',
    );
    expect(submitted).toEqual([]);
  });

  it('refuses a request object changed on the way (another response_uri): nothing asked, nothing sent', async () => {
    const postingUrl = await createPosting('git-basics');
    const submitted: string[] = [];
    // A relay that rewrites where the answer goes, in the signed request object's payload.
    const relaying: typeof fetch = async (input, init) => {
      if (String(input).includes('/oid4vp/responses/')) submitted.push(String(input));
      const response = await fetch(input, init);
      if (!String(input).includes('/oid4vp/requests/')) return response;
      const [header, payload, signature] = (await response.text()).split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as {
        response_uri: string;
      };
      claims.response_uri = 'https://other-board.example/oid4vp/responses/1';
      const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      return new Response(forged, {
        status: response.status,
        headers: { 'content-type': 'application/oauth-authz-req+jwt' },
      });
    };
    const asked: string[] = [];
    const { context } = walletContext({
      prompter: { ...noPrompts, ask: async (question) => (asked.push(question), 'yes') },
    });
    await initCommand(context);
    await attemptCommand(context, 'git-basics', { answers: gitAnswersFile() });
    await expect(applyCommand({ ...context, fetch: relaying }, postingUrl, {})).rejects.toThrow(
      /signature/i,
    );
    expect(asked).toEqual([]);
    expect(submitted).toEqual([]);
  });
});

describe('the wallet against the issuer’s micro-tests and the board’s clauses', () => {
  const python = findBadge(loadDefaultCatalog(), 'python-problems-1');
  const keyFor = (did: string) =>
    correctAnswers(python, { learnerDid: did, puzzleSecret: services.issuer.puzzleSecret });

  it('asks again after an answer that is not a choice number', async () => {
    const badge = findBadge(loadDefaultCatalog(), 'git-basics');
    const key = correctAnswers(badge);
    let shown: string[] = [];
    let current: (typeof badge.tasks)[number] | undefined;
    const prompter: Prompter = {
      ...noPrompts,
      // A question is shown in full once, answered wrongly; the retry prompt is "Your answer: ".
      ask: async (question) => {
        const task = badge.tasks.find((candidate) => question.includes(candidate.prompt));
        if (task) {
          current = task;
          shown = question.split('\n');
          return 'banana';
        }
        const right =
          current?.kind === 'quiz'
            ? current.choices.find((choice) => choice.id === key[current?.id ?? ''])
            : undefined;
        return (
          shown
            .find((line) => line.endsWith(`) ${right?.text}`))
            ?.trim()
            .split(')')[0] ?? ''
        );
      },
    };
    const { context, printed } = walletContext({ prompter });
    await initCommand(context);
    const result = await attemptCommand(context, 'git-basics', {});
    expect(result).toMatchObject({ passed: true, score: 100 });
    expect(printed.stderr.match(/Please type a number from 1 to \d\./g)).toHaveLength(
      badge.tasks.length,
    );
  });

  it('checks an answers file before starting, so a typo uses up no attempt', async () => {
    const { context } = walletContext();
    await initCommand(context);
    const file = join(dataDir, `typo-${homes}.json`);
    for (const [answers, why] of [
      [{ q9: 'a' }, 'git-basics has no task "q9"'],
      [{ q1: 'no such choice' }, '"no such choice" is not a choice of q1'],
    ] as const) {
      writeFileSync(file, JSON.stringify(answers));
      await expect(attemptCommand(context, 'git-basics', { answers: file })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining(why),
      });
    }
    const [progress] = await progressCommand(context, {});
    expect(progress?.badges.find((badge) => badge.badge === 'git-basics')?.attempts).toBe(0);
  });

  it('takes puzzles through prompts on stdin, writing each input to a file', async () => {
    const { context: base, printed } = walletContext();
    const { did } = await initCommand(base);
    const key = keyFor(did);
    const stdin = Readable.from([python.tasks.map((task) => `${key[task.id]}\n`).join('')]);
    const context = {
      ...base,
      prompter: createTerminalPrompter(
        stdin as NodeJS.ReadStream,
        new PassThrough() as unknown as NodeJS.WriteStream,
      ),
    };
    const inputDir = join(dataDir, `inputs-${homes}`);
    const result = await attemptCommand(context, 'python-problems-1', { inputDir });
    expect(result).toMatchObject({ passed: true, score: 100, attemptsLeft: 4 });
    expect(printed.stdout).toContain('✔ passed Python Problem Solver I: 5/5');
    expect(readFileSync(join(inputDir, 'python-problems-1-p1.txt'), 'utf8').length).toBeGreaterThan(
      10,
    );
  });

  it('writes every puzzle input before the first question, so all can be solved up front', async () => {
    const { context: base, printed } = walletContext();
    const { did } = await initCommand(base);
    const key = keyFor(did);
    const inputDir = join(dataDir, `inputs-up-front-${homes}`);
    const filesAtFirstQuestion: string[][] = [];
    const queue = python.tasks.map((task) => String(key[task.id]));
    const context = {
      ...base,
      prompter: {
        ...noPrompts,
        ask: async () => {
          if (filesAtFirstQuestion.length === 0) filesAtFirstQuestion.push(readdirSync(inputDir));
          return queue.shift() ?? '';
        },
      },
    };
    const result = await attemptCommand(context, 'python-problems-1', { inputDir });
    expect(result).toMatchObject({ passed: true });
    expect(filesAtFirstQuestion[0]?.sort()).toEqual(
      python.tasks.map((task) => `python-problems-1-${task.id}.txt`).sort(),
    );
    expect(printed.stderr).toContain('Your puzzle inputs are saved:');
  });

  it('shows a failed attempt with the attempts left, and the cooldown when retried too soon', async () => {
    const { context, printed } = walletContext();
    const { did } = await initCommand(context);
    const wrong = join(dataDir, `wrong-${homes}.json`);
    writeFileSync(
      wrong,
      JSON.stringify(Object.fromEntries(python.tasks.map((task) => [task.id, '0']))),
    );
    const failed = await attemptCommand(context, 'python-problems-1', { answers: wrong });
    expect(failed).toMatchObject({ passed: false, score: 0, attemptsLeft: 4 });
    expect(failed.nextAttemptAt).not.toBeNull();
    expect(printed.stdout).toMatch(
      /✖ not passed Python Problem Solver I: 0\/5 \(0%\); pass mark 80%\. 4 attempts left; next from \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 10 min\)\./,
    );
    await expect(
      attemptCommand(context, 'python-problems-1', { answers: wrong }),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(
        /^python-problems-1: not yet, try again after \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in \d+ min\)\. See `skillproof progress`$/,
      ),
    });

    const [progress] = await progressCommand(context, {});
    const standing = progress?.badges.find((badge) => badge.badge === 'python-problems-1');
    expect(standing).toMatchObject({ earned: false, attempts: 1, attemptsLeft: 4, bestScore: 0 });
    expect(progress?.learner).toBe(did);
  });

  it('marks the postings it qualifies for under badge, any-of and skill clauses, and shares the fewest badges', async () => {
    const { context } = walletContext();
    const { did } = await initCommand(context);
    // Four of five puzzles right: a score of 80.
    const key = keyFor(did);
    const mostly = { ...key, p5: 'wrong' };
    const answers = join(dataDir, `mostly-${homes}.json`);
    writeFileSync(answers, JSON.stringify(mostly));
    expect(await attemptCommand(context, 'python-problems-1', { answers })).toMatchObject({
      passed: true,
      score: 80,
    });
    await attemptCommand(context, 'git-basics', { answers: gitAnswersFile() });

    const employer = await postToJobboard<{ token: string }>(
      services.jobboard.url,
      '/api/employers',
      services.jobboard.adminToken,
      { name: 'E' },
    );
    const achievement = (slug: string) => `${services.issuer.url}/achievements/${slug}`;
    const accepted = [services.issuer.did];
    const posting = (title: string, requirements: unknown[]) =>
      postToJobboard<{ id: string }>(services.jobboard.url, '/api/postings', employer.token, {
        title,
        description: '',
        requirements,
      });
    const fits = await posting('Fits', [
      {
        type: 'badge',
        achievementId: achievement('python-problems-1'),
        acceptedIssuers: accepted,
        minScore: 80,
      },
      {
        type: 'any-of',
        count: 1,
        achievementIds: [achievement('git-basics'), achievement('sql-basics')],
        acceptedIssuers: accepted,
      },
      {
        type: 'skill',
        skillUrl: `${services.issuer.url}/skills/python-programming`,
        acceptedIssuers: accepted,
      },
    ]);
    const tooLow = await posting('Too low', [
      {
        type: 'badge',
        achievementId: achievement('python-problems-1'),
        acceptedIssuers: accepted,
        minScore: 90,
      },
    ]);
    const postings = await jobsCommand(context, services.jobboard.url);
    const byId = new Map(postings.map((entry) => [entry.id, entry]));
    expect(byId.get(fits.id)).toMatchObject({
      qualified: true,
      requirements: [
        expect.objectContaining({ met: true, badges: ['Python Problem Solver I'] }),
        expect.objectContaining({ met: true, badges: ['Git Basics'] }),
        expect.objectContaining({ met: true, badges: ['Python Problem Solver I'] }),
      ],
    });
    expect(byId.get(tooLow.id)).toMatchObject({
      qualified: false,
      requirements: [expect.objectContaining({ met: false })],
    });

    const decision = await applyCommand(context, `${services.jobboard.url}/postings/${fits.id}`, {
      yes: true,
    });
    expect(decision.qualified).toBe(true);
    expect(decision.sharedCredentials).toHaveLength(2);
    const [application] = await applicationsCommand(context);
    expect(application).toMatchObject({
      qualified: true,
      postingTitle: 'Fits',
      sharedCredentials: decision.sharedCredentials,
    });
  });
});
