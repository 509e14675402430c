// The learners' pages in Debian's Chromium (through playwright-core) against a real issuer on
// loopback: the badges, a quiz failed and then passed after the cooldown (moved by the
// issuer's clock), the offer's QR code, a puzzle answered from the learner's own input, and the
// keyboard and labels. Screenshots go to test-artifacts/screenshots/ (ignored by git and lint).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { chromiumLaunchOptions, screenshotsDirectory } from '@skillproof/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findBadge, loadDefaultCatalog, puzzleInstance, type QuizTask } from '../../src/index.js';
import { startLoopbackIssuer, type LoopbackIssuer } from '../fixtures/loopback-issuer.js';

const catalog = loadDefaultCatalog();
const git = findBadge(catalog, 'git-basics');
const python = findBadge(catalog, 'python-problems-1');
const screenshots = screenshotsDirectory();

let browser: Browser;
let issuer: LoopbackIssuer;

beforeAll(async () => {
  issuer = await startLoopbackIssuer();
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await issuer?.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `issuer-${name}.png`), fullPage: true });
}

/** The web learner's identity, as the issuer derives it from the browser's cookie. */
async function learnerDid(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'skillproof_learner');
  if (!cookie) throw new Error('the browser has no learner cookie');
  return `urn:skillproof:web-learner:${createHash('sha256').update(cookie.value).digest('base64url')}`;
}

/** Every visible input without a label (nor an ARIA name), as `name` attributes. */
async function unlabelledInputs(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('input:not([type=hidden]), textarea, select')]
    .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.name || el.id)`)) as string[];
}

/** What Tab focuses, from the top of the page, until the submit button: names or texts. */
async function tabOrder(page: Page, last: string): Promise<string[]> {
  const order: string[] = [];
  await page.locator('body').focus();
  for (let step = 0; step < 60; step += 1) {
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(
      "(() => { const el = document.activeElement; return el ? (el.getAttribute('name') || el.textContent || '').trim() : '' })()",
    )) as string;
    order.push(focused);
    if (focused === last) return order;
  }
  throw new Error(`Tab never reached "${last}": ${order.join(' | ')}`);
}

function quizTask(id: string): QuizTask {
  return git.tasks.find((task) => task.id === id) as QuizTask;
}

async function answerQuiz(page: Page, right: boolean): Promise<void> {
  for (const task of git.tasks) {
    const quiz = quizTask(task.id);
    const choice = right
      ? quiz.choices.find((c) => c.id === quiz.answer)
      : quiz.choices.find((c) => c.id !== quiz.answer);
    await page
      .getByRole('group', { name: quiz.prompt })
      .getByLabel(choice?.text as string, { exact: true })
      .check();
  }
  await page.getByRole('button', { name: 'Submit my answers' }).click();
}

describe('the learners’ pages in a browser', () => {
  it('badges -> a quiz failed -> the cooldown -> passed -> the offer as a QR code and a link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.goto(`${issuer.url}/`);
      expect(page.url()).toBe(`${issuer.url}/learn`);
      await expect(page.locator('h1').count()).resolves.toBe(1);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await shoot(page, 'badges');
      await page.getByRole('button', { name: 'Take the test for Git Basics' }).click();
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      await expect(page.locator('h1').innerText()).resolves.toBe('Git Basics: the test');
      await expect(unlabelledInputs(page)).resolves.toEqual([]);
      await shoot(page, 'quiz');

      await answerQuiz(page, false);
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      const failed = await page.locator('main').innerText();
      expect(failed).toContain('You scored 0% (0 of 4 right)');
      expect(failed).toContain('Attempts left: 4');
      expect(failed).toMatch(/Your next attempt may start at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
      await shoot(page, 'failed');

      // Too early: the cooldown holds, on an HTML page.
      await page.goto(`${issuer.url}/learn`);
      await page.getByRole('button', { name: 'Take the test for Git Basics' }).click();
      await expect(page.locator('h1').innerText()).resolves.toBe('Slow down');
      await shoot(page, 'cooldown');

      issuer.clock.advance(git.cooldownSeconds * 1000);
      await page.goto(`${issuer.url}/learn`);
      await page.getByRole('button', { name: 'Take the test for Git Basics' }).click();
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      await answerQuiz(page, true);
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      await expect(page.locator('h1').innerText()).resolves.toBe('You passed Git Basics');
      await shoot(page, 'passed');
      // What needs createCredentialOffer (src/oid4vci): the offer as a QR code and a link.
      const qr = page.getByRole('img', { name: 'QR code of the credential offer for Git Basics' });
      await expect(qr.isVisible()).resolves.toBe(true);
      await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
      const link = page.getByRole('link', { name: 'Open the offer in a wallet on this device' });
      await expect(link.getAttribute('href')).resolves.toMatch(
        /^openid-credential-offer:\/\/\?credential_offer_uri=/,
      );
      await expect(page.getByLabel('Or copy the offer link').inputValue()).resolves.toBe(
        await link.getAttribute('href'),
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows each puzzle with the learner’s own input, and a right computed answer passes', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${issuer.url}/learn`);
      await page.getByRole('button', { name: 'Take the test for Python Problem Solver I' }).click();
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      const did = await learnerDid(context);
      await shoot(page, 'puzzles');
      for (const [index, task] of python.tasks.entries()) {
        if (task.kind !== 'puzzle') throw new Error('python-problems-1 holds puzzles only');
        const { input, answer } = puzzleInstance(issuer.context.puzzleSecret, did, python.id, task);
        await expect(page.locator(`pre#input-${task.id}`).textContent()).resolves.toBe(input);
        await page.getByLabel(`Answer to task ${index + 1}`).fill(answer);
      }
      await page.getByRole('button', { name: 'Submit my answers' }).click();
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      await expect(page.locator('h1').innerText()).resolves.toBe(
        'You passed Python Problem Solver I',
      );
      await expect(page.locator('main').innerText()).resolves.toContain(
        'You scored 100% (5 of 5 right)',
      );
    } finally {
      await context.close();
    }
  }, 120_000);

  it('takes a test by keyboard alone: Tab reaches every question and the submit button in order', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    try {
      await page.goto(`${issuer.url}/learn`);
      const start = page.getByRole('button', { name: 'Take the test for HTTP Basics' });
      await start.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      const http = findBadge(catalog, 'http-basics');
      const order = await tabOrder(page, 'Submit my answers');
      // The skip link is the first stop.
      expect(order[0]).toBe('Skip to the content');
      const fields = order.filter((name) => name.startsWith('answer-'));
      expect(fields).toEqual(http.tasks.map((task) => `answer-${task.id}`));
      expect(order.at(-1)).toBe('Submit my answers');
      // What has the focus is seen: an outline.
      await expect(
        page.evaluate('getComputedStyle(document.activeElement).outlineStyle'),
      ).resolves.toBe('solid');
      await expect(unlabelledInputs(page)).resolves.toEqual([]);
      for (const [index, task] of http.tasks.entries()) {
        if (task.kind === 'quiz') {
          await expect(page.getByRole('group', { name: task.prompt }).count()).resolves.toBe(1);
        } else {
          await expect(page.getByLabel(`Answer to task ${index + 1}`).count()).resolves.toBe(1);
        }
      }
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
        true,
      );
      await shoot(page, 'keyboard-phone');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('answers another browser’s attempt and an unknown page with HTML error pages', async () => {
    const owner = await browser.newContext();
    const other = await browser.newContext();
    try {
      const page = await owner.newPage();
      await page.goto(`${issuer.url}/learn`);
      await page.getByRole('button', { name: 'Take the test for SQL Basics' }).click();
      await page.waitForURL(/\/learn\/attempts\/[0-9a-f-]{36}$/);
      const stranger = await other.newPage();
      const response = await stranger.goto(page.url());
      expect(response?.status()).toBe(403);
      await expect(stranger.locator('h1').innerText()).resolves.toBe('Not allowed');
      await shoot(stranger, 'forbidden');
      const missing = await stranger.goto(`${issuer.url}/learn/nowhere`);
      expect(missing?.status()).toBe(404);
      await expect(
        stranger.getByRole('link', { name: 'back to the badges' }).count(),
      ).resolves.toBe(1);
    } finally {
      await owner.close();
      await other.close();
    }
  }, 120_000);
});
