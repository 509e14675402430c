// A learner without our CLI: passes a badge's micro-test on the issuer's web pages in Debian's
// Chromium, reads the OpenID4VCI credential offer and its transaction code off the result page,
// and receives the badge into the real `skillproof` binary by that offer URI. Real issuer, real
// browser, real wallet, the real protocol between them: nothing here is ours but the three.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { findBadge, loadDefaultCatalog, type QuizTask } from '@skillproof/issuer';
import { chromiumLaunchOptions, screenshotsDirectory } from '@skillproof/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bin, json, skillproof } from '../fixtures/run-skillproof.js';

const catalog = loadDefaultCatalog();
const git = findBadge(catalog, 'git-basics');
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-web-to-wallet-'));
const home = join(dataDir, 'wallet');
let services: DemoServices;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: run \`pnpm run build\` first (pnpm check builds first)`);
  }
  services = await startDemoServices(join(dataDir, 'services'), {
    scryptLogN: 10,
    offerTxCode: true,
  });
  browser = await chromium.launch(chromiumLaunchOptions());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await services?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Passes the Git Basics quiz on the issuer's pages; the page then shows the offer. */
async function passGitBasics(page: Page): Promise<void> {
  await page.goto(`${services.issuer.url}/learn`);
  await page.getByRole('button', { name: `Take the test for ${git.name}` }).click();
  for (const task of git.tasks) {
    const quiz = task as QuizTask;
    const right = quiz.choices.find((choice) => choice.id === quiz.answer);
    await page
      .getByRole('group', { name: quiz.prompt })
      .getByLabel(right?.text as string, { exact: true })
      .check();
  }
  await page.getByRole('button', { name: 'Submit my answers' }).click();
}

/** The wallet's badges, as `skillproof list --json` prints them. */
async function listed(): Promise<{ id: string; format: string }[]> {
  return json<{ credentials: { id: string; format: string }[] }>(
    await skillproof(['list', '--json'], { home }),
  ).credentials;
}

interface Received {
  credentialIssuer: string;
  configuration: string;
  credentials: { id: string; name: string; format: string; issuerDid: string }[];
}

describe('a micro-test passed in the browser, received into our wallet by its offer', () => {
  it('browser pass -> QR code, offer link and transaction code -> skillproof receive -> stored and verified', async () => {
    const page = await browser.newPage();
    try {
      await passGitBasics(page);
      await expect(
        page
          .getByRole('img', { name: `QR code of the credential offer for ${git.name}` })
          .isVisible(),
      ).resolves.toBe(true);
      const offerUri = await page.getByLabel('Or copy the offer link').inputValue();
      expect(offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
      const txCode = (await page.locator('#tx-code').textContent())?.trim() ?? '';
      expect(txCode).toMatch(/^\d{6}$/);
      // The code is shown beside the offer, never inside it.
      expect(decodeURIComponent(offerUri)).not.toContain(txCode);
      await page.screenshot({
        path: join(screenshotsDirectory(), 'issuer-offer-for-wallet.png'),
        fullPage: true,
      });

      const { did } = json<{ did: string }>(await skillproof(['init', '--json'], { home }));

      // A wrong transaction code: refused by the issuer, nothing stored.
      const wrong = await skillproof(
        ['receive', offerUri, '--tx-code', txCode === '000000' ? '111111' : '000000', '--json'],
        { home },
      );
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/transaction code/i);
      await expect(listed().then((entries) => entries.length)).resolves.toBe(0);

      // The right one: the badge as a VCDM 2.0 Open Badge with a Data Integrity proof.
      const received = json<Received>(
        await skillproof(['receive', '-', '--tx-code', txCode, '--format', 'ldp_vc', '--json'], {
          home,
          stdin: `${offerUri}\n`,
        }),
      );
      expect(received.credentialIssuer).toBe(services.issuer.url);
      expect(received.configuration).toBe(`${git.id}.ldp_vc`);
      expect(received.credentials).toHaveLength(1);
      expect(received.credentials[0]).toMatchObject({
        name: git.name,
        format: 'ldp_vc',
        issuerDid: services.issuer.did,
      });

      expect((await listed()).map((entry) => [entry.id, entry.format])).toEqual([
        [received.credentials[0]?.id, 'ldp_vc'],
      ]);
      // Shown and verified again now, check by check, status list included.
      const shown = json<{ status: { state: string } }>(
        await skillproof(['show', received.credentials[0]?.id as string, '--json'], { home }),
      );
      expect(shown.status.state).toBe('valid');
      expect(did).toMatch(/^did:key:z6Mk/);

      // The offer worked once: the same link again is refused, and nothing more is stored.
      const again = await skillproof(['receive', offerUri, '--tx-code', txCode, '--json'], {
        home,
      });
      expect(again.code).not.toBe(0);
      await expect(listed().then((entries) => entries.length)).resolves.toBe(1);
    } finally {
      await page.close();
    }
  }, 120_000);
});
