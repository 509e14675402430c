// Every page of the board in Debian's Chromium (through playwright-core), at a desktop width and
// at a phone's: nothing overflows sideways, the apply command is shown whole, people are named
// for people. Screenshots go to test-artifacts/screenshots/ (ignored by git and lint).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Posting } from '@skillproof/jobboard';
import {
  chromiumLaunchOptions,
  fixedNow,
  makeIdentity,
  screenshotsDirectory,
  type TestIdentity,
} from '@skillproof/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { signedBadge } from '../fixtures/signed-badge.js';
import { applyWithJwts, postPosting } from './fixtures/web-posting.js';
import {
  createEmployerAccount,
  startCatalogServer,
  startWebBoard,
  stopWebServers,
  type CatalogServer,
  type WebBoard,
} from './fixtures/web-board.js';

const screenshots = screenshotsDirectory();
const widths = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

let browser: Browser;
let board: WebBoard;
let catalog: CatalogServer;
let account: { email: string; password: string; token: string; name: string };
let posting: Posting;
let holders: TestIdentity[] = [];

function apply(holder: TestIdentity, jwts: string[]): Promise<unknown> {
  return applyWithJwts(board, posting, holder, jwts);
}

beforeAll(async () => {
  catalog = await startCatalogServer();
  board = await startWebBoard({ issuerUrls: [catalog.url] });
  board.clock.set(fixedNow);
  account = await createEmployerAccount(
    board,
    'Archive Digitisation and Long-Term Preservation Services Ltd',
  );
  const git = `${catalog.url}/achievements/git-basics`;
  const sql = `${catalog.url}/achievements/sql-basics`;
  const other = makeIdentity();
  // Made through the API without labels: the pages name its badges from the catalogue.
  posting = await postPosting(board, account.token, {
    title: 'Senior data engineer for the archive digitisation programme (remote, part time)',
    description: 'Keep a very large archive in Git and query it in SQL.',
    requirements: [
      { type: 'badge', achievementId: git, acceptedIssuers: [catalog.issuerDid], minScore: 80 },
      {
        type: 'any-of',
        count: 1,
        achievementIds: [sql, 'https://elsewhere.example/achievements/data-wrangling'],
        acceptedIssuers: [catalog.issuerDid, other.did],
      },
      {
        type: 'skill',
        skillUrl: 'https://skills.example/version-control',
        acceptedIssuers: [catalog.issuerDid],
      },
    ],
  });
  holders = [makeIdentity(), makeIdentity(), makeIdentity()];
  const [qualified, twice, short] = holders as [TestIdentity, TestIdentity, TestIdentity];
  const badge = (holder: TestIdentity, achievementId: string, score?: number) =>
    signedBadge(catalog.issuer, holder, achievementId, {
      name: achievementId === git ? 'Git Basics' : 'SQL Basics',
      ...(score === undefined ? {} : { score }),
      alignment: achievementId === git ? ['https://skills.example/version-control'] : [],
    });
  await apply(qualified, [badge(qualified, git, 95), badge(qualified, sql)]);
  await apply(twice, [badge(twice, git, 40)]);
  board.clock.advance(60_000);
  await apply(twice, [badge(twice, git, 85), badge(twice, sql)]);
  await apply(short, [badge(short, sql)]);

  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stopWebServers();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${board.url}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${board.url}/employer`);
}

/** Opens `path`, checks nothing overflows sideways, and saves a full-page screenshot. */
async function look(page: Page, path: string, name: string, width: string): Promise<void> {
  const response = await page.goto(`${board.url}${path}`);
  expect(response?.status()).toBeLessThan(500);
  // Evaluated in the page (a string: this package's TypeScript knows no DOM).
  const sizes = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  )) as { scrollWidth: number; innerWidth: number };
  expect({ page: name, width, ...sizes }).toEqual({
    page: name,
    width,
    scrollWidth: expect.any(Number) as unknown as number,
    innerWidth: sizes.innerWidth,
  });
  expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
  await page.screenshot({
    path: join(screenshots, `jobboard-${name}-${width}.png`),
    fullPage: true,
  });
}

describe('every page, at 1280 px and at 390 px', () => {
  it.each(widths)(
    'fits the $name width ($width px) without overflowing sideways, the apply command whole',
    async ({ name: width, ...viewport }) => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      try {
        await look(page, '/', 'home', width);
        await look(page, '/sign-in', 'sign-in', width);
        await look(page, `/postings/${posting.id}`, 'posting', width);
        const command = page.locator('#apply-command');
        await expect(command.inputValue()).resolves.toBe(
          `skillproof apply ${board.url}/postings/${posting.id}`,
        );
        const box = await command.evaluate((element) => ({
          cutOffDown: element.scrollHeight > element.clientHeight + 1,
          cutOffAcross: element.scrollWidth > element.clientWidth + 1,
        }));
        expect(box).toEqual({ cutOffDown: false, cutOffAcross: false });
        await look(page, '/postings/00000000-0000-4000-8000-000000000000', 'not-found', width);

        await signIn(page);
        await look(page, '/employer', 'employer-postings', width);
        await look(page, '/employer/postings/new', 'posting-form', width);
        await look(page, '/employer/password', 'change-password', width);
        await look(page, `/employer/postings/${posting.id}`, 'applicants', width);
        // Open every fold (DIDs, ids, evidence, history): still nothing overflows.
        await page.evaluate(
          "document.querySelectorAll('details').forEach((details) => { details.open = true; })",
        );
        expect(
          await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
        ).toBe(true);
        await page.screenshot({
          path: join(screenshots, `jobboard-applicants-unfolded-${width}.png`),
          fullPage: true,
        });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});

describe('what the pages say, in a browser', () => {
  it('names postings, employers, badges, issuers and applicants for people, the DIDs one click away', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${board.url}/`);
      const listed = (await page.locator('ul.postings li').first().innerText()).replace(
        /\s+/g,
        ' ',
      );
      expect(listed).toContain('Archive Digitisation and Long-Term Preservation Services Ltd');
      expect(listed).toContain('Git Basics, score ≥ 80');
      expect(listed).toContain('any 1 of SQL Basics and data-wrangling');
      expect(listed).toContain('any badge aligned to Version control');

      await page.goto(`${board.url}/postings/${posting.id}`);
      const first = page.locator('#requirement-r1');
      expect((await first.innerText()).replace(/\s+/g, ' ')).toMatch(
        /^Git Basics, score ≥ 80 from Test Academy/,
      );
      await expect(first.locator('.did').isVisible()).resolves.toBe(false);
      await first.getByText('Test Academy').click();
      await expect(first.locator('.did').innerText()).resolves.toBe(catalog.issuerDid);

      await signIn(page);
      await page.goto(`${board.url}/employer/postings/${posting.id}`);
      const rows = page.locator('table.applicants tbody tr');
      await expect(rows.count()).resolves.toBe(3);
      await expect(
        page.locator('figure.funnel figcaption').getAttribute('data-summary'),
      ).resolves.toBe('3 applied, 2 qualified');
      // What shows before any fold is opened: short labels and sentences, no DIDs, URLs or ids.
      const shown = await page.locator('table.applicants').innerText();
      expect(shown).toMatch(/Applicant [0-9a-f]{6}/);
      expect(shown).not.toMatch(/did:key:|urn:uuid|https?:\/\//);
      expect(shown).toContain('met by "Git Basics" (score 95) from Test Academy');
      expect(shown).toContain('Applied 2 times');
      // The funnel names requirements as the page does.
      await expect(page.locator('table.funnel').innerText()).resolves.toContain(
        'Git Basics, score ≥ 80: not presented',
      );
      const row = rows.filter({ has: page.locator(`.holder[title="${holders[0]?.did}"]`) });
      await row.locator('summary.holder').click();
      await expect(row.locator('details.applicant .did').innerText()).resolves.toBe(
        holders[0]?.did,
      );
    } finally {
      await context.close();
    }
  }, 120_000);
});
