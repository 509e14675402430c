// A paid task's pages (issue 19): the employer's posting page shows the reward, the claims,
// accept -> BIP-21 link and QR, record the payment, cancel, and the ledger; a learner's claim
// has a status page. Driven in Debian's Chromium (playwright-core) the way an employer would,
// and by form posts for what a browser would not send (no CSRF token, another employer, bad
// input): refused, nothing written.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Posting } from '@skillproof/jobboard';
import {
  chromiumLaunchOptions,
  fixedNow,
  makeIdentity,
  signPresentation,
  type TestIdentity,
} from '@skillproof/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { testAddresses } from '../fixtures/bitcoin/test-addresses.js';
import { signedBadge } from '../fixtures/signed-badge.js';
import { applyWithJwts, postPosting } from './fixtures/web-posting.js';
import {
  createEmployerAccount,
  signIn,
  startWebBoard,
  stopWebServers,
  type SignedIn,
  type WebBoard,
} from './fixtures/web-board.js';

const git = 'https://academy.test/achievements/git-basics';
const txid = 'cd'.repeat(32);

let browser: Browser;
let board: WebBoard;
let academy: TestIdentity;
let account: { email: string; password: string; token: string };

beforeAll(async () => {
  board = await startWebBoard();
  board.clock.set(fixedNow);
  academy = makeIdentity();
  account = await createEmployerAccount(board, 'Acme Tasks');
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stopWebServers();
});

async function postTask(token = account.token): Promise<Posting> {
  return postPosting(board, token, {
    title: 'Tidy the changelog',
    requirements: [{ type: 'badge', achievementId: git, acceptedIssuers: [academy.did] }],
    task: { rewardSats: 25_000, network: 'testnet' },
  } as { title: string; requirements: object[] });
}

/** A qualified learner applies and claims `posting` with a testnet address of `seed`. */
async function claimAs(posting: Posting, seed: string): Promise<string> {
  const learner = makeIdentity();
  const application = await applyWithJwts(board, posting, learner, [
    signedBadge(academy, learner, git),
  ]);
  const { nonce } = (
    await request(board.url).post(`/api/postings/${posting.id}/presentation-request`).expect(201)
  ).body as { nonce: string };
  const address = testAddresses(seed).testnet.p2wpkh;
  await request(board.url)
    .post(`/api/postings/${posting.id}/claims`)
    .send({
      applicationId: application.id,
      address,
      presentation: signPresentation(learner, [], {
        nonce,
        aud: board.origin,
        nbf: Math.floor(fixedNow.getTime() / 1000) - 5,
      }),
    })
    .expect(201);
  return address;
}

async function signInPage(page: Page): Promise<void> {
  await page.goto(`${board.url}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${board.url}/employer`);
}

function formPost(path: string, session: SignedIn | undefined, form: Record<string, string>) {
  const call = request(board.url).post(path).set('Origin', board.origin).type('form');
  return (session ? call.set('Cookie', session.cookie) : call).send(
    session ? { csrf: session.csrf, ...form } : form,
  );
}

describe('a paid task’s pages in Chromium', () => {
  it('lets the employer accept a claim, pay it by BIP-21, record the payment and read the ledger', async () => {
    const posting = await postTask();
    const first = await claimAs(posting, 'first learner');
    await claimAs(posting, 'second learner');
    const page = await browser.newPage();
    try {
      await signInPage(page);
      await page.goto(`${board.url}/employer/postings/${posting.id}`);
      const task = page.locator('#task');
      await expect(task.locator('.reward').textContent()).resolves.toBe('25000 sats');
      await expect(task.locator('.task-status').textContent()).resolves.toBe('claimed');
      expect(await task.locator('table.claims tbody tr').count()).toBe(2);

      await page.getByRole('button', { name: 'Accept claim 1' }).click();
      await page.waitForURL(`${board.url}/employer/postings/${posting.id}#task`);
      await expect(task.locator('.task-status').textContent()).resolves.toBe('accepted');
      const uri = await page.locator('a.payment-uri').getAttribute('href');
      expect(uri).toMatch(new RegExp(`^bitcoin:${first}\\?amount=0\\.00025&label=`));
      expect(await task.locator('figure.qr svg').count()).toBe(1);
      await expect(
        task.locator('table.claims tbody tr').nth(1).locator('.claim-status').textContent(),
      ).resolves.toBe('not accepted');
      // Accepting is done: no second Accept button.
      expect(await page.getByRole('button', { name: /^Accept claim/ }).count()).toBe(0);

      await page.getByLabel('Transaction id of your payment').fill(txid);
      await page.getByRole('button', { name: 'Record payment' }).click();
      await page.waitForURL(`${board.url}/employer/postings/${posting.id}#task`);
      await expect(task.locator('.task-status').textContent()).resolves.toBe('paid');
      expect(await task.locator('.ledger .entry-kind').allTextContents()).toEqual([
        'posted',
        'claimed',
        'claimed',
        'accepted',
        'paid',
      ]);
      expect(await page.getByText('Cancel this task').count()).toBe(0);
      const csv = await page.request.get(`${board.url}/employer/postings/${posting.id}/ledger.csv`);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      expect(await csv.text()).toContain(txid);

      // The learners' side: the status of each claim, and how to collect once paid.
      await page.goto(`${board.url}/postings/${posting.id}/claims/1`);
      await expect(page.locator('.claim-status').textContent()).resolves.toBe('paid');
      await expect(page.getByLabel('Command').inputValue()).resolves.toBe(
        `skillproof claim ${board.url}/postings/${posting.id} --collect`,
      );
      expect(await page.content()).not.toContain(first);
      await page.goto(`${board.url}/postings/${posting.id}/claims/2`);
      await expect(page.locator('.claim-status').textContent()).resolves.toBe('not accepted');
    } finally {
      await page.close();
    }
  });

  it('lets the employer cancel a task before it is paid', async () => {
    const posting = await postTask();
    await claimAs(posting, 'third learner');
    const page = await browser.newPage();
    try {
      await signInPage(page);
      await page.goto(`${board.url}/postings/${posting.id}`);
      await expect(page.locator('.paid-task .reward').textContent()).resolves.toBe('25000 sats');
      await page.goto(`${board.url}/employer/postings/${posting.id}`);
      await page.getByText('Cancel this task').click();
      await page.getByLabel('Reason (optional)').fill('no longer needed');
      await page.getByRole('button', { name: 'Cancel the task' }).click();
      await page.waitForURL(`${board.url}/employer/postings/${posting.id}#task`);
      await expect(page.locator('#task .task-status').textContent()).resolves.toBe('cancelled');
      await page.goto(`${board.url}/postings/${posting.id}/claims/1`);
      await expect(page.locator('.claim-status').textContent()).resolves.toBe('cancelled');
    } finally {
      await page.close();
    }
  });
});

describe('a paid task’s form posts', () => {
  it('refuses what a page of the board would not send, and writes nothing', async () => {
    const posting = await postTask();
    await claimAs(posting, 'fourth learner');
    const session = await signIn(board, account);
    const before = await board.store.ledgerEntriesOfTask(posting.id);
    const path = (tail: string) => `/employer/postings/${posting.id}${tail}`;

    // No CSRF token; no session; another employer's task.
    await request(board.url)
      .post(path('/claims/1/accept'))
      .set('Origin', board.origin)
      .set('Cookie', session.cookie)
      .type('form')
      .send({})
      .expect(403);
    await formPost(path('/claims/1/accept'), undefined, {}).expect(401);
    const other = await createEmployerAccount(board, 'Globex');
    const otherSession = await signIn(board, other);
    await formPost(path('/claims/1/accept'), otherSession, {}).expect(403);
    // Payment before an accept, a malformed txid, a claim that was never made.
    const early = await formPost(path('/payment'), session, { txid }).expect(409);
    expect(early.text).toContain('accepted');
    await formPost(path('/payment'), session, { txid: 'not-a-txid' }).expect(400);
    await formPost(path('/claims/9/accept'), session, {}).expect(404);
    expect(await board.store.ledgerEntriesOfTask(posting.id)).toEqual(before);

    // Accepted and paid, a second payment and a cancellation are refused.
    await formPost(path('/claims/1/accept'), session, {}).expect(303);
    await formPost(path('/payment'), session, { txid }).expect(303);
    await formPost(path('/payment'), session, { txid }).expect(409);
    await formPost(path('/cancel'), session, {}).expect(409);
    expect(await board.store.ledgerEntriesOfTask(posting.id)).toHaveLength(before.length + 2);

    // A posting that is no task has neither a task section nor task pages.
    const plain = await postPosting(board, account.token, {
      title: 'No task',
      requirements: [{ type: 'badge', achievementId: git, acceptedIssuers: [academy.did] }],
    });
    const page = await request(board.url)
      .get(`/employer/postings/${plain.id}`)
      .set('Cookie', session.cookie)
      .expect(200);
    expect(page.text).not.toContain('id="task"');
    await request(board.url).get(`/postings/${plain.id}/claims/1`).expect(404);
  });
});
