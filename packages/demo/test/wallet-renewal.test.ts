import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { correctAnswers, findBadge, loadDefaultCatalog, type Catalog } from '@skillproof/issuer';
import {
  applyCommand,
  attemptCommand,
  initCommand,
  progressCommand,
  renewCommand,
  WalletStore,
} from '@skillproof/wallet-cli';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { postToJobboard } from './fixtures/post-to-jobboard.js';

// A current skill end to end (issue 19): a badge earned 13 months ago (the issuer's and the
// wallet's clocks set back) does not meet a posting's "earned or renewed within 12 months";
// renewed with `skillproof renew` before it lapses, it does. The real issuer and job board on
// loopback, the wallet's commands in-process.

const dayMs = 24 * 3600 * 1000;
const defaults = loadDefaultCatalog();
// Git Basics valid for 400 days, renewable in its last 60: 13 months on, it is due.
const catalog: Catalog = {
  ...defaults,
  badges: defaults.badges.map((badge) =>
    badge.id === 'git-basics' ? { ...badge, validityDays: 400, renewalWindowDays: 60 } : badge,
  ),
};
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-renewal-'));
let offsetMs = -395 * dayMs;
const shiftedNow = () => new Date(Date.now() + offsetMs);
let services: DemoServices;
let employerToken = '';
beforeAll(async () => {
  services = await startDemoServices(join(dataDir, 'services'), {
    scryptLogN: 10,
    catalog,
    issuerNow: shiftedNow,
  });
  const employer = await postToJobboard<{ token: string }>(
    services.jobboard.url,
    '/api/employers',
    services.jobboard.adminToken,
    { name: 'Current Skills Ltd' },
  );
  employerToken = employer.token;
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a posting that asks for a current skill', () => {
  it('refuses a badge earned 13 months ago, and takes it once renewed', async () => {
    const made = inProcessWalletContext({
      home: join(dataDir, 'home'),
      issuerUrl: services.issuer.url,
    });
    const context = { ...made.context, now: shiftedNow };
    await initCommand(context);
    const answers = join(dataDir, 'git-answers.json');
    writeFileSync(answers, JSON.stringify(correctAnswers(findBadge(catalog, 'git-basics'))));
    const earned = await attemptCommand(context, 'git-basics', { answers });
    expect(earned).toMatchObject({ passed: true, award: 'issued' });
    // Renewing right after earning is refused: the window opens 60 days before it lapses.
    await expect(renewCommand(context, 'git-basics', { answers })).rejects.toMatchObject({
      code: 'RENEWAL_NOT_DUE',
    });

    // Thirteen months later.
    offsetMs = 0;
    const posting = await postToJobboard<{ id: string }>(
      services.jobboard.url,
      '/api/postings',
      employerToken,
      {
        title: 'Release engineer',
        requirements: [
          {
            achievementId: `${services.issuer.url}/achievements/git-basics`,
            acceptedIssuers: [services.issuer.did],
            withinMonths: 12,
          },
        ],
      },
    );
    const postingUrl = `${services.jobboard.url}/postings/${posting.id}`;
    const stale = await applyCommand(context, postingUrl, { yes: true });
    expect(stale.qualified).toBe(false);
    expect(stale.requirements[0]?.reason).toMatch(/12 months/);

    // `progress` reminds of the lapse and names the command that renews it.
    made.printed.stdout = '';
    await progressCommand(context, {});
    expect(made.printed.stdout).toContain('renew it with `skillproof renew git-basics`');

    made.printed.stdout = '';
    const renewed = await renewCommand(context, 'git-basics', { answers });
    expect(renewed).toMatchObject({
      passed: true,
      award: 'issued',
      total: 2,
      renewed: expect.stringMatching(/^urn:uuid:/),
    });
    expect(made.printed.stdout).toMatch(/earlier +urn:uuid:/);
    expect(made.printed.stdout).toMatch(/renewed +\S+ +\d{4}-\d\d-\d\d +\d{4}-\d\d-\d\d/);
    const store = WalletStore.open(context.home);
    expect(store.credentials).toHaveLength(2);

    const current = await applyCommand(context, postingUrl, { yes: true });
    expect(current.qualified).toBe(true);

    // Renewed, the earlier badge is no longer a reminder.
    made.printed.stdout = '';
    await progressCommand(context, {});
    expect(made.printed.stdout).not.toContain('lapses');
  });
});
