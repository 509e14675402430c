import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { serveOnLoopback, type LoopbackService } from '../../src/serve-on-loopback.js';
import { correctAnswers, createIssuer, findBadge, loadDefaultCatalog } from '@skillproof/issuer';
import { createJobboardApp, createJobboardStore } from '@skillproof/jobboard';
import { createStatusListResolver } from '@skillproof/verifier';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumLaunchOptions, makeIdentity } from '@skillproof/testing';
import { applyToPosting, earnBadge } from './learner-over-http.js';

// A real issuer and a real job board on loopback, a learner with a real did:key who earns a real
// badge and applies over HTTP, and Debian's Chromium driven by playwright-core: the employer's
// side of issue 5 as a person would use it.

const artifacts = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-browser-test-'));
const quiet = { info: () => undefined, error: (message: string) => console.error(message) };

const employer = {
  name: 'Archive <Digitisation> Ltd',
  email: 'hiring@archive.example',
  password: 'a long password for the archive',
};

let issuerDb: SqliteDatabase;
let jobboardDb: SqliteDatabase;
let issuer: LoopbackService & { did: string };
const issuerAdminToken = randomBytes(32).toString('base64url');
let board: LoopbackService;
let browser: Browser;
let postingId = '';
let holderDid = '';

/** Pages of one browser context, each failing the test on a console error or an uncaught error. */
interface WatchedContext {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

async function watchedContext(options: { javaScriptEnabled: boolean }): Promise<WatchedContext> {
  const context = await browser.newContext({ ...options, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  return { context, page, problems };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${board.url}/`);
  await page.getByRole('link', { name: 'Employer sign-in' }).click();
  await page.getByLabel('Email').fill(employer.email);
  await page.getByLabel('Password').fill(employer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${board.url}/employer`);
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  issuerDb = openDatabase(join(dataDir, 'issuer.db'));
  jobboardDb = openDatabase(join(dataDir, 'jobboard.db'));
  let did = '';
  const issuerService = await serveOnLoopback(async (url) => {
    const built = await createIssuer({
      db: issuerDb,
      keySecret: randomBytes(32).toString('base64url'),
      config: { name: 'Skillproof Academy', url, adminToken: issuerAdminToken },
      log: quiet,
      scryptLogN: 10,
    });
    did = built.identifier.did;
    return built.app;
  });
  issuer = { ...issuerService, did };
  const adminToken = randomBytes(32).toString('base64url');
  board = await serveOnLoopback(async (url) =>
    createJobboardApp({
      store: await createJobboardStore(jobboardDb),
      config: { url, adminToken, issuerUrls: [issuer.url], passwordLogN: 10 },
      // No caching of status lists, so that the revocation below shows at the next page view.
      statusLists: createStatusListResolver({ ttlSeconds: 0 }),
      log: quiet,
    }),
  );
  // The admin API makes the employer's account (the admin command calls the same function).
  const created = await fetch(`${board.url}/api/employers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(employer),
  });
  expect(created.status).toBe(201);
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([issuer?.close(), board?.close()]);
  issuerDb?.close();
  jobboardDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an employer in a real browser', () => {
  it('signs in, posts a job from the issuer catalogue, and sees the wallet applicant qualified with reasons', async () => {
    const { context, page, problems } = await watchedContext({ javaScriptEnabled: true });
    try {
      await page.goto(`${board.url}/`);
      await screenshot(page, 'jobboard-01-postings-empty');
      await page.getByRole('link', { name: 'Employer sign-in' }).click();
      await page.getByLabel('Email').fill(employer.email);
      await page.getByLabel('Password').fill(employer.password);
      await screenshot(page, 'jobboard-02-sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${board.url}/employer`);
      await expect(page.getByRole('button', { name: /Sign out/ }).textContent()).resolves.toContain(
        'Archive <Digitisation> Ltd',
      );
      await screenshot(page, 'jobboard-03-employer-postings');

      await page.getByRole('link', { name: 'New posting' }).first().click();
      await page.waitForURL(`${board.url}/employer/postings/new`);
      // The form offers the real issuer's catalogue, fetched by the board.
      await expect(page.getByText('Badges from Skillproof Academy').count()).resolves.toBe(1);
      await page.getByLabel('Title').fill('Developer, Git archive');
      await page.getByLabel('Description').fill('Keep the archive in Git.');
      await page.getByLabel('Git Basics: required').check();
      await page.getByLabel('Git Basics: minimum score').fill('75');
      await screenshot(page, 'jobboard-04-posting-form');
      await page.getByRole('button', { name: 'Publish posting' }).click();
      await page.waitForURL(/\/employer\/postings\/[0-9a-f-]{36}$/);
      postingId = page.url().split('/').at(-1) as string;
      await expect(page.getByText('No applications yet.').count()).resolves.toBe(1);

      await page.goto(`${board.url}/postings/${postingId}`);
      const postingUrl = `${board.url}/postings/${postingId}`;
      await expect(page.getByLabel('Command').inputValue()).resolves.toBe(
        `skillproof apply ${postingUrl}`,
      );
      await expect(page.locator('figure.qr svg').count()).resolves.toBe(1);
      await screenshot(page, 'jobboard-05-posting');

      // A learner earns Git Basics at the issuer and applies with it, over HTTP.
      const learner = makeIdentity();
      const badge = await earnBadge(
        issuer.url,
        learner,
        'git-basics',
        correctAnswers(findBadge(loadDefaultCatalog(), 'git-basics')),
      );
      const decision = await applyToPosting(board.url, postingId, learner, [badge.proof.jwt]);
      expect(decision).toMatchObject({ qualified: true, holder: learner.did });
      holderDid = learner.did;
      // Another learner applies with a badge the posting does not ask for.
      const other = makeIdentity();
      const history = await earnBadge(
        issuer.url,
        other,
        'russian-history-1',
        correctAnswers(findBadge(loadDefaultCatalog(), 'russian-history-1')),
      );
      const refused = await applyToPosting(board.url, postingId, other, [history.proof.jwt]);
      expect(refused).toMatchObject({ qualified: false, holder: other.did });

      await page.goto(`${board.url}/employer/postings/${postingId}`);
      await expect(page.locator('table.applicants tbody tr').count()).resolves.toBe(2);
      const row = page.locator('table.applicants tbody tr', {
        has: page.locator(`.holder[title="${holderDid}"]`),
      });
      await expect(row.locator('td.decision').textContent()).resolves.toMatch(/^\s*Qualified/);
      const reason = (await row.locator('ul.reasons li').first().textContent()) ?? '';
      expect(reason).toMatch(/r1\s+met: /);
      expect(reason).toContain('Git Basics');
      // The form labels the issuer with its catalogue's name: reasons say it, beside the DID.
      expect(reason).toContain(`from Skillproof Academy (${issuer.did})`);
      expect(reason).toContain('status re-checked: valid');
      const notQualified = page.locator('tr.not-qualified');
      await expect(notQualified.locator('td.decision').textContent()).resolves.toContain(
        'Not qualified',
      );
      await expect(notQualified.locator('ul.reasons li').first().textContent()).resolves.toMatch(
        /r1\s+not met: /,
      );
      await expect(
        page.locator('figure.funnel figcaption').getAttribute('data-summary'),
      ).resolves.toBe('2 applied, 1 qualified');
      await expect(page.locator('figure.funnel rect.reason').count()).resolves.toBe(1);
      await screenshot(page, 'jobboard-06-applicants');

      // The issuer revokes the badge after the application: viewing the applicants re-checks it.
      const revoked = await fetch(`${issuer.url}/credentials/status`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${issuerAdminToken}`,
        },
        body: JSON.stringify({
          credentialId: badge.id,
          credentialStatus: [
            { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
          ],
        }),
      });
      expect(revoked.status).toBe(200);
      await page.reload();
      await expect(row.locator('.flag').first().textContent()).resolves.toMatch(/revoked/);
      await expect(row.locator('td.decision').textContent()).resolves.toMatch(/^\s*Qualified/);
      await screenshot(page, 'jobboard-06b-applicants-badge-revoked');

      await page.getByRole('button', { name: /Sign out/ }).click();
      await page.waitForURL(`${board.url}/`);
      await screenshot(page, 'jobboard-07-signed-out');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('works with JavaScript disabled on every page', async () => {
    expect(postingId).not.toBe('');
    const { context, page, problems } = await watchedContext({ javaScriptEnabled: false });
    try {
      await page.goto(`${board.url}/`);
      await expect(
        page.getByRole('link', { name: 'Developer, Git archive' }).count(),
      ).resolves.toBe(1);
      await page.getByRole('link', { name: 'Developer, Git archive' }).click();
      await page.waitForURL(`${board.url}/postings/${postingId}`);
      await expect(page.getByLabel('Command').inputValue()).resolves.toContain('skillproof apply');
      await screenshot(page, 'jobboard-nojs-01-posting');

      await signIn(page);
      await page.getByRole('link', { name: 'New posting' }).first().click();
      await page.getByLabel('Title').fill('Second job, no JavaScript');
      await page.getByLabel('Git Basics: one of').check();
      await page.getByLabel('HTTP Basics: one of').check();
      await page.getByRole('checkbox', { name: /Version control with Git/ }).check();
      await screenshot(page, 'jobboard-nojs-02-posting-form');
      await page.getByRole('button', { name: 'Publish posting' }).click();
      await page.waitForURL(/\/employer\/postings\/[0-9a-f-]{36}$/);
      await expect(page.locator('h1').textContent()).resolves.toBe('Second job, no JavaScript');
      // One clause for the "one of" group and one for the skill, in plain words.
      const clauses = await page.locator('ol.requirements li').allTextContents();
      expect(clauses).toHaveLength(2);
      expect(clauses[0]).toContain('Git Basics');
      expect(clauses[0]).toContain('HTTP Basics');
      expect(clauses[1]).toContain('Version control with Git');
      await screenshot(page, 'jobboard-nojs-03-new-posting-applicants');

      await page.goto(`${board.url}/employer`);
      await expect(page.locator('ul.postings li').count()).resolves.toBe(2);
      await page.goto(`${board.url}/employer/postings/${postingId}`);
      await expect(page.locator('table.applicants tbody tr').count()).resolves.toBe(2);
      await screenshot(page, 'jobboard-nojs-04-applicants');
      await page.getByRole('button', { name: /Sign out/ }).click();
      await page.waitForURL(`${board.url}/`);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
