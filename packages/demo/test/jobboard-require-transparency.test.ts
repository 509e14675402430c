import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JwtVerifiableCredential } from '@skillproof/core';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { correctAnswers, findBadge, loadDefaultCatalog } from '@skillproof/issuer';
import { applyCommand, attemptCommand, initCommand } from '@skillproof/wallet-cli';
import {
  createHttpLearner,
  earnGitBasicsOverHttp,
  type HttpLearner,
} from './fixtures/http-learner.js';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { startLoggedIssuer } from './fixtures/logged-issuer.js';
import { postJson } from './fixtures/post-json.js';
import { postToJobboard } from './fixtures/post-to-jobboard.js';

// Issue 17, item 5: a posting can require transparency. A real job board decides applications
// with badges from a real issuer that logs what it issues and from one that keeps no log; every
// hop is HTTP on loopback, and the board fetches each receipt from the issuer's log itself.
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-board-transparency-'));
let services: DemoServices;
let logged: Awaited<ReturnType<typeof startLoggedIssuer>>;
let unlogged: Awaited<ReturnType<typeof startLoggedIssuer>>;
const learners: HttpLearner[] = [];

beforeAll(async () => {
  services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10 });
  logged = await startLoggedIssuer(join(dataDir, 'logged'));
  unlogged = await startLoggedIssuer(join(dataDir, 'unlogged'), { transparencyLog: false });
});

afterAll(async () => {
  await services?.close();
  await logged?.close();
  await unlogged?.close();
  for (const learner of learners) learner.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Decision {
  qualified: boolean;
  requirements: { met: boolean; reason: string }[];
}

async function earn(from: typeof logged) {
  const learner = await createHttpLearner();
  learners.push(learner);
  return { learner, badge: await earnGitBasicsOverHttp(learner, from) };
}

/** A posting asking for Git Basics from either issuer, with or without transparency. */
async function post(token: string, requireTransparency: boolean): Promise<{ id: string }> {
  return postToJobboard(services.jobboard.url, '/api/postings', token, {
    title: requireTransparency ? 'Auditable Git person' : 'Git person',
    requirements: [
      {
        type: 'any-of',
        count: 1,
        achievementIds: [
          `${logged.url}/achievements/git-basics`,
          `${unlogged.url}/achievements/git-basics`,
        ],
        acceptedIssuers: [logged.did, unlogged.did],
      },
    ],
    ...(requireTransparency ? { requireTransparency: true } : {}),
  });
}

async function apply(
  postingId: string,
  learner: HttpLearner,
  badge: JwtVerifiableCredential,
): Promise<Decision> {
  const board = services.jobboard.url;
  const request = await postJson<{ nonce: string; domain: string }>(
    `${board}/api/postings/${postingId}/presentation-request`,
    {},
  );
  expect(request.status).toBe(201);
  const application = await postJson<Decision>(`${board}/api/postings/${postingId}/applications`, {
    presentation: await learner.presentation(request.body.nonce, request.body.domain, [
      badge.proof.jwt,
    ]),
  });
  expect(application.status).toBe(201);
  return application.body;
}

describe('a posting that requires transparency', () => {
  it('qualifies a logged badge and refuses, with the reason, one its issuer never logged', async () => {
    const { token } = await postToJobboard<{ token: string }>(
      services.jobboard.url,
      '/api/employers',
      services.jobboard.adminToken,
      { name: 'Transparency Test Employer' },
    );
    const auditable = await post(token, true);
    const plain = await post(token, false);

    // The posting says so in its API answer and on its public page.
    const published = (await (
      await fetch(`${services.jobboard.url}/api/postings/${auditable.id}`)
    ).json()) as { requireTransparency?: boolean };
    expect(published.requireTransparency).toBe(true);
    const plainPublished = (await (
      await fetch(`${services.jobboard.url}/api/postings/${plain.id}`)
    ).json()) as { requireTransparency?: boolean };
    expect(plainPublished.requireTransparency).toBeUndefined();
    const page = await (await fetch(`${services.jobboard.url}/postings/${auditable.id}`)).text();
    expect(page).toContain('id="requires-transparency"');
    const plainPage = await (await fetch(`${services.jobboard.url}/postings/${plain.id}`)).text();
    expect(plainPage).not.toContain('requires-transparency');

    const holder = await earn(logged);
    await logged.signNow();
    const accepted = await apply(auditable.id, holder.learner, holder.badge);
    expect(accepted.qualified).toBe(true);

    const outsider = await earn(unlogged);
    const refused = await apply(auditable.id, outsider.learner, outsider.badge);
    expect(refused.qualified).toBe(false);
    expect(refused.requirements[0]?.met).toBe(false);
    expect(refused.requirements[0]?.reason).toMatch(/not in its issuer's transparency log/);
    // The same badge is good enough where transparency is not asked for.
    expect((await apply(plain.id, outsider.learner, outsider.badge)).qualified).toBe(true);
  });

  it('refuses a logged badge its log does not cover yet, and takes it once a checkpoint does', async () => {
    const { token } = await postToJobboard<{ token: string }>(
      services.jobboard.url,
      '/api/employers',
      services.jobboard.adminToken,
      { name: 'Patient Employer' },
    );
    const auditable = await post(token, true);
    const holder = await earn(logged);
    const early = await apply(auditable.id, holder.learner, holder.badge);
    expect(early.qualified).toBe(false);
    expect(early.requirements[0]?.reason).toMatch(/not in its issuer's transparency log/);
    await logged.signNow();
    expect((await apply(auditable.id, holder.learner, holder.badge)).qualified).toBe(true);
  });

  it('decides an OpenID4VP application (skillproof apply) with the policy on too', async () => {
    const { token } = await postToJobboard<{ token: string }>(
      services.jobboard.url,
      '/api/employers',
      services.jobboard.adminToken,
      { name: 'Wallet Employer' },
    );
    const auditable = await post(token, true);
    let wallets = 0;
    /** A wallet (in process) that earned Git Basics from `from` and applies by OpenID4VP. */
    async function walletApplies(from: typeof logged) {
      const home = join(dataDir, `wallet-${++wallets}`);
      const { context } = inProcessWalletContext({ home, issuerUrl: from.url });
      const { did } = await initCommand(context);
      const answers = join(dataDir, `answers-${wallets}.json`);
      writeFileSync(
        answers,
        JSON.stringify(
          correctAnswers(findBadge(loadDefaultCatalog(), 'git-basics'), {
            learnerDid: did,
            puzzleSecret: from.puzzleSecret,
          }),
        ),
      );
      await attemptCommand(context, 'git-basics', { answers });
      await from.signNow();
      return applyCommand(context, `${services.jobboard.url}/postings/${auditable.id}`, {
        yes: true,
      });
    }
    expect((await walletApplies(logged)).qualified).toBe(true);
    const refused = await walletApplies(unlogged);
    expect(refused.qualified).toBe(false);
    expect(refused.requirements[0]?.reason).toMatch(/not in its issuer's transparency log/);
  });
});
