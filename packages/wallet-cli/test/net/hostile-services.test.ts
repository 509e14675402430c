import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  attemptCommand,
  initCommand,
  issuersAddCommand,
  issuersListCommand,
  jobsCommand,
  tasksCommand,
  walletPaths,
  WalletStore,
  type StoredApplication,
  UsageError,
} from '@skillproof/wallet-cli';
import { exitCodeOf } from '../fixtures/exit-code-of.js';
import { makeTestContext } from '../fixtures/test-context.js';

// A service answers whatever its owner wants. These answers come from a real HTTP server on
// loopback, and the wallet must refuse each in one clear line and keep its files intact.
type Answer = { status?: number; body: unknown } | { raw: string };
const answers = new Map<string, Answer>();
const received: string[] = [];
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    const answer = answers.get(`${request.method} ${request.url}`);
    request.resume();
    if (!answer) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such route' } }));
      return;
    }
    response.writeHead('raw' in answer ? 200 : (answer.status ?? 200), {
      'content-type': 'application/json',
    });
    response.end('raw' in answer ? answer.raw : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A catalogue of one badge, Git Basics (with no tasks and no formats), from issuer `name`. */
function gitBasicsCatalog(name: string) {
  return {
    issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name },
    badges: [
      {
        id: 'git-basics',
        achievementId: `${url}/achievements/git-basics`,
        name: 'Git Basics',
        description: '',
        passRule: { kind: 'all' },
        tasks: [],
      },
    ],
  };
}

describe('services that misbehave, relay or are gone', () => {
  it('refuses a job board whose postings are not a list, without a crash', async () => {
    answers.set('GET /api/postings', { body: { postings: 'none' } });
    const { context } = makeTestContext();
    await initCommand(context);
    await expect(jobsCommand(context, url)).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: `${url} did not answer with postings; is it a Skillproof job board?`,
    });
  });

  it('refuses a catalogue of another shape', async () => {
    answers.set('GET /catalog', { body: { issuer: { id: 'did:key:z6Mk' }, badges: [{ id: 1 }] } });
    const { context } = makeTestContext();
    await expect(tasksCommand(context, { issuer: url })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('did not answer with a catalogue'),
    });
  });

  it('stops reading an answer past 4 MiB', async () => {
    answers.set('GET /catalog', { raw: `"${'x'.repeat(5 * 1024 * 1024)}"` });
    const { context } = makeTestContext();
    await expect(tasksCommand(context, { issuer: url })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('more than 4 MiB'),
    });
  });

  it('keeps an issuer profile that is not one out of the wallet, which stays readable', async () => {
    answers.set('GET /issuer', { body: { id: 42, name: { evil: true } } });
    const { context, home } = makeTestContext();
    await initCommand(context);
    const before = readFileSync(walletPaths(home).data, 'utf8');
    await expect(issuersAddCommand(context, url)).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('is not an issuer profile'),
    });
    expect(readFileSync(walletPaths(home).data, 'utf8')).toBe(before);
    expect(await issuersListCommand(context)).toEqual([]);
  });

  it('never writes a wallet file it could not read back', async () => {
    const { context, home } = makeTestContext();
    await initCommand(context);
    const before = readFileSync(walletPaths(home).data, 'utf8');
    const store = WalletStore.open(home);
    const fromBoard = { id: 7, postingUrl: url, appliedAt: 'now' } as unknown as StoredApplication;
    expect(() => store.saveApplication(fromBoard)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(readFileSync(walletPaths(home).data, 'utf8')).toBe(before);
    expect(WalletStore.open(home).applications).toEqual([]);
  });

  it('writes puzzle inputs only inside --input-dir, whatever the task ids say', async () => {
    const task = {
      id: '/../../escaped',
      kind: 'puzzle',
      prompt: 'Sum the numbers.',
      answerFormat: 'an integer',
      input: '1 2 3',
    };
    answers.set('GET /catalog', {
      body: {
        issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name: 'Evil' },
        badges: [
          {
            id: 'sneaky',
            achievementId: `${url}/achievements/sneaky`,
            name: 'Sneaky',
            description: '',
            passRule: { kind: 'all' },
            tasks: [task],
          },
        ],
      },
    });
    // Signed in for localhost while reached at 127.0.0.1: the same service on this machine.
    answers.set('POST /auth/challenge', {
      body: { challenge: 'c', domain: url.replace('127.0.0.1', 'localhost') },
    });
    answers.set('POST /auth/token', { body: { token: 't' } });
    answers.set('POST /attempts', {
      body: { attemptId: 'a1', badge: 'sneaky', tasks: [task], expiresAt: '2099-01-01' },
    });
    answers.set('POST /attempts/a1/answers', {
      body: { passed: false, score: 0, correct: 0, total: 1 },
    });
    const { context, home } = makeTestContext({ answers: ['6'] });
    await initCommand(context);
    const inputDir = join(home, '..', 'inputs', 'deep');
    const result = await attemptCommand(context, 'sneaky', { issuer: url, inputDir });
    expect(result.passed).toBe(false);
    // Unchecked, `sneaky-/../../escaped.txt` would have landed in the folder above inputDir.
    expect(readdirSync(inputDir)).toEqual(['sneaky-_.._.._escaped.txt']);
    expect(readFileSync(join(inputDir, 'sneaky-_.._.._escaped.txt'), 'utf8')).toBe('1 2 3\n');
    expect(readdirSync(join(inputDir, '..'))).toEqual(['deep']);
  });

  it('signs no sign-in challenge an issuer relays from another site', async () => {
    answers.set('GET /catalog', { body: gitBasicsCatalog('Relay') });
    answers.set('POST /auth/challenge', {
      body: { challenge: 'from-the-real-issuer', domain: 'https://issuer.example' },
    });
    received.length = 0;
    const { context } = makeTestContext();
    await initCommand(context);
    await expect(attemptCommand(context, 'git-basics', { issuer: url })).rejects.toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: `${url} asks you to sign in for https://issuer.example, not for itself; nothing was signed. Use that issuer's own address with --issuer if you trust it`,
    });
    expect(received).toEqual(['GET /catalog', 'POST /auth/challenge']);
  });

  it('asks an issuer that lists no formats (one from before them) for jwt_vc_json alone', async () => {
    answers.set('GET /catalog', { body: gitBasicsCatalog('Old') });
    received.length = 0;
    const { context } = makeTestContext();
    await initCommand(context);
    const refused = attemptCommand(context, 'git-basics', { issuer: url, format: 'ldp_vc' });
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(
      'git-basics is awarded in jwt_vc_json, not in ldp_vc; choose one with --format. No attempt was started',
    );
    expect(received).toEqual(['GET /catalog']);
  });

  it('stores nothing, and registers no issuer, when a pass carries no credential it can read', async () => {
    const badge = {
      id: 'git-basics',
      achievementId: `${url}/achievements/git-basics`,
      name: 'Git Basics',
      description: '',
      passRule: { kind: 'all' },
      formats: ['jwt_vc_json', 'ldp_vc', 'vc+jwt'],
      tasks: [],
    };
    const issuerDid = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    answers.set('GET /catalog', {
      body: { issuer: { id: issuerDid, name: 'Hollow' }, badges: [badge] },
    });
    answers.set('POST /auth/challenge', { body: { challenge: 'c', domain: url } });
    answers.set('POST /auth/token', { body: { token: 't' } });
    answers.set('POST /attempts', {
      body: { attemptId: 'a2', badge: 'git-basics', tasks: [], expiresAt: '2099-01-01' },
    });
    answers.set('POST /attempts/a2/answers', {
      body: {
        passed: true,
        score: 100,
        correct: 0,
        total: 0,
        format: 'ldp_vc',
        award: 'issued',
        verifiableCredential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
        },
      },
    });
    const { context, home } = makeTestContext();
    await initCommand(context);
    await expect(
      attemptCommand(context, 'git-basics', { issuer: url, format: 'ldp_vc' }),
    ).rejects.toMatchObject({
      code: 'CREDENTIAL_REJECTED',
      message: expect.stringMatching(
        new RegExp(
          `^the credential from ${url} was refused: it did not verify \\(.+\\); nothing was stored$`,
        ),
      ),
    });
    const store = WalletStore.open(home);
    expect(store.credentials).toEqual([]);
    expect(store.issuers).toEqual([]);
  });

  it('skips an issuer that is gone, with a note, and lists the others', async () => {
    answers.set('GET /catalog', {
      body: { issuer: { id: 'did:key:z6MkAcademy', name: 'Academy' }, badges: [] },
    });
    const { context, home, printed } = makeTestContext();
    await initCommand(context);
    const store = WalletStore.open(home);
    for (const issuerUrl of ['http://127.0.0.1:9', url]) {
      store.saveIssuer({ url: issuerUrl, did: 'did:key:z6Mk', name: 'x', addedAt: 'then' });
    }
    // A partial list: printed, and exit code 4.
    expect(await exitCodeOf(tasksCommand(context, {}))).toBe(4);
    expect(printed.stderr).toContain(
      'skipped http://127.0.0.1:9: http://127.0.0.1:9 is unreachable; is the service running?',
    );
    expect(printed.stdout).toContain(`Academy (did:key:z6MkAcademy) at ${url}`);
    const scripted = makeTestContext({ home, json: true });
    expect(await exitCodeOf(tasksCommand(scripted.context, {}))).toBe(4);
    expect(JSON.parse(scripted.printed.stdout)).toEqual({
      catalogs: [
        expect.objectContaining({ url, issuer: expect.objectContaining({ name: 'Academy' }) }),
      ],
      unreachable: [
        {
          url: 'http://127.0.0.1:9',
          message: 'http://127.0.0.1:9 is unreachable; is the service running?',
        },
      ],
      lapsing: [],
    });

    store.saveIssuer({
      url: 'http://127.0.0.1:7',
      did: 'did:key:z6Mk',
      name: 'y',
      addedAt: 'then',
    });
    answers.delete('GET /catalog');
    await expect(tasksCommand(context, {})).rejects.toMatchObject({
      message: 'http://127.0.0.1:9 is unreachable; is the service running?',
    });
  });
});
