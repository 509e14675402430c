// "Apply with a wallet" in Debian's Chromium (through playwright-core): the posting page leads to
// an OpenID4VP QR code and link; a wallet we did not write (Sphereon's) answers the link read
// off the page; the page, checked again, shows the decision with a reason per requirement.
// Screenshots go to test-artifacts/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Posting } from '@skillproof/jobboard';
import {
  chromiumLaunchOptions,
  makeIdentity,
  screenshotsDirectory,
  type TestIdentity,
} from '@skillproof/testing';
import { chromium, type Browser } from 'playwright-core';
import {
  startBoardWithTwoBadgePosting,
  stopOpenid4vpBoards,
  twoBadgeAchievements,
  type Openid4vpTestBoard,
} from '../fixtures/openid4vp-board.js';
import { signedBadge } from '../fixtures/signed-badge.js';
import { answerWithSphereon } from '../fixtures/sphereon-holder.js';

const { python, sql } = twoBadgeAchievements;

let browser: Browser;
let board: Openid4vpTestBoard;
let academy: TestIdentity;
let posting: Posting;

beforeAll(async () => {
  ({ board, academy, posting } = await startBoardWithTwoBadgePosting());
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stopOpenid4vpBoards();
});

describe('Apply with a wallet, in a browser', () => {
  it.each([
    { name: 'qualified', badges: [python, sql], decision: 'Qualified' },
    { name: 'not-qualified', badges: [python], decision: 'Not qualified' },
  ])(
    'shows the QR code and link, then the $name decision with a reason per requirement',
    async ({ name, badges, decision }) => {
      const holder = makeIdentity();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      try {
        await page.goto(`${board.url}/postings/${posting.id}`);
        await page.getByRole('button', { name: 'Apply with a wallet' }).click();
        await page.waitForURL(new RegExp(`/postings/${posting.id}/wallet/`));
        await expect(page.locator('figure.qr svg').count()).resolves.toBe(1);
        const link = await page
          .getByRole('link', { name: 'Open in my wallet' })
          .getAttribute('href');
        expect(link).toMatch(/^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Akey%3A/);
        await expect(page.locator('#wallet-link-text').inputValue()).resolves.toBe(link);
        await expect(page.locator('#wallet-status').textContent()).resolves.toMatch(/Waiting/);
        await page.screenshot({
          path: join(screenshotsDirectory(), `jobboard-wallet-request-${name}.png`),
          fullPage: true,
        });

        const { status } = await answerWithSphereon(
          String(link),
          holder,
          badges.map((achievementId) => signedBadge(academy, holder, achievementId)),
        );
        expect(status).toBe(200);

        await page.getByRole('link', { name: 'Check again' }).click();
        await expect(page.locator('#wallet-status').textContent()).resolves.toContain(decision);
        const outcomes = (await page.locator('ol.outcomes li').allTextContents()).map((text) =>
          text.replace(/\s+/g, ' ').trim(),
        );
        expect(outcomes).toHaveLength(2);
        expect(outcomes[0]).toMatch(/^python-1: met met by "Badge python-1"/);
        expect(outcomes[1]).toMatch(
          badges.length === 2 ? /^sql-1: met met by/ : /^sql-1: not met \S/,
        );
        await expect(page.locator('meta[http-equiv="refresh"]').count()).resolves.toBe(0);
        await page.screenshot({
          path: join(screenshotsDirectory(), `jobboard-wallet-decision-${name}.png`),
          fullPage: true,
        });
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});
