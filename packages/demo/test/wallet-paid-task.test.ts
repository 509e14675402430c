import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from '@skillproof/core';
import { startDemoServices, type DemoServices } from '@skillproof/demo';
import { correctAnswers, findBadge, loadDefaultCatalog } from '@skillproof/issuer';
import {
  applyCommand,
  attemptCommand,
  claimCommand,
  initCommand,
  paymentsInitCommand,
  readTaskClaims,
  WalletStore,
  type CollectResult,
  type StoredTaskClaim,
} from '@skillproof/wallet-cli';
import { checkBitcoinAddress, readPsbt } from '@skillproof/jobboard';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { postJson } from './fixtures/post-json.js';
import { postToJobboard } from './fixtures/post-to-jobboard.js';

// A paid task end to end: the real issuer and job board on loopback, the wallet's commands
// in-process. The learner earns a badge, applies, claims the task with a testnet address of
// their wallet; the employer accepts (BIP-21), builds a PSBT, records the payment; the learner
// collects the completion credential, verified and held like any badge.

const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-paid-task-'));
let services: DemoServices;
let employerToken = '';
beforeAll(async () => {
  services = await startDemoServices(join(dataDir, 'services'), { scryptLogN: 10 });
  const employer = await postToJobboard<{ token: string }>(
    services.jobboard.url,
    '/api/employers',
    services.jobboard.adminToken,
    { name: 'Acme Tasks' },
  );
  employerToken = employer.token;
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let homes = 0;
function walletContext() {
  return inProcessWalletContext({
    home: join(dataDir, `home-${++homes}`),
    issuerUrl: services.issuer.url,
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

async function postTask(slugs = ['git-basics']): Promise<{ id: string; url: string }> {
  const posting = await postToJobboard<{ id: string }>(
    services.jobboard.url,
    '/api/postings',
    employerToken,
    {
      title: 'Tidy the changelog',
      requirements: slugs.map((slug) => ({
        achievementId: `${services.issuer.url}/achievements/${slug}`,
        acceptedIssuers: [services.issuer.did],
      })),
      task: { rewardSats: 12_345, network: 'testnet' },
    },
  );
  return { id: posting.id, url: `${services.jobboard.url}/postings/${posting.id}` };
}

const employerCall = (path: string, body: unknown = {}) =>
  postJson<Record<string, unknown>>(`${services.jobboard.url}${path}`, body, employerToken);

const ledgerOf = async (postingId: string) =>
  (
    (await (
      await fetch(`${services.jobboard.url}/api/postings/${postingId}/ledger`, {
        headers: { authorization: `Bearer ${employerToken}` },
      })
    ).json()) as { entries: unknown[] }
  ).entries;

/** A learner with a wallet, a payment seed and the Git Basics badge, qualified for the task. */
async function qualifiedLearner(postingUrl: string) {
  const { context, printed } = walletContext();
  const { did } = await initCommand(context);
  await paymentsInitCommand(context, { network: 'testnet' });
  await attemptCommand(context, 'git-basics', { answers: gitAnswersFile() });
  const decision = await applyCommand(context, postingUrl, { yes: true });
  expect(decision.qualified).toBe(true);
  return { context, printed, did };
}

describe('a paid task, end to end', () => {
  it('earn, apply, claim, accept (BIP-21), PSBT, pay, collect the completion credential', async () => {
    const task = await postTask();
    const learner = await qualifiedLearner(task.url);

    const claim = (await claimCommand(learner.context, task.url, {})) as StoredTaskClaim;
    expect(claim).toMatchObject({ claimId: '1', network: 'testnet', rewardSats: 12_345 });
    expect(claim.address).toMatch(/^tb1q/);
    expect(readTaskClaims(learner.context.home)).toEqual([claim]);
    expect(learner.printed.stdout).toMatch(/TASK +CLAIM +REWARD +NETWORK +PAY TO/);

    const accepted = await employerCall(`/api/postings/${task.id}/claims/1/accept`);
    expect(accepted.status).toBe(200);
    const payment = (accepted.body as { payment: { uri: string; qrSvg: string } }).payment;
    expect(payment.uri).toMatch(new RegExp(`^bitcoin:${claim.address}\\?amount=0\\.00012345(&|$)`));
    expect(payment.qrSvg).toContain('<svg');

    // The employer's coin: a testnet P2WPKH output of 50,000 sats.
    const changeAddress = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx'; // BIP-173's testnet P2WPKH
    const coinScript = checkBitcoinAddress(changeAddress, 'testnet').outputScript;
    const psbt = await employerCall(`/api/postings/${task.id}/psbt`, {
      utxos: [{ txid: '11'.repeat(32), vout: 1, valueSats: 50_000, scriptPubKey: coinScript }],
      feeRate: 3,
      changeAddress,
    });
    expect(psbt.status).toBe(200);
    const unsigned = readPsbt((psbt.body as { psbt: string }).psbt, 'testnet');
    const paysLearner = unsigned.txOutputs.find(
      (output) =>
        Buffer.from(output.script).toString('hex') ===
        checkBitcoinAddress(claim.address, 'testnet').outputScript,
    );
    expect(Number(paysLearner?.value)).toBe(12_345);

    // Not yet paid: nothing to collect, nothing stored.
    await expect(claimCommand(learner.context, task.url, { collect: true })).rejects.toMatchObject({
      message: expect.stringContaining('not paid'),
    });
    const txid = 'fe'.repeat(32);
    expect((await employerCall(`/api/postings/${task.id}/payment`, { txid })).status).toBe(200);

    const collected = (await claimCommand(learner.context, task.url, {
      collect: true,
    })) as CollectResult;
    const held = WalletStore.open(learner.context.home).credentials.find(
      (entry) => entry.id === collected.credential.id,
    );
    expect(held).toBeDefined();
    expect(collected.credential.name).toBe('Completed task Tidy the changelog for Acme Tasks');
    const { payload } = decodeJwt(held?.credential as string);
    expect(payload).toMatchObject({ sub: learner.did });
    expect(JSON.stringify(payload['vc'])).toContain(txid);
    expect(readTaskClaims(learner.context.home)[0]?.credentialId).toBe(collected.credential.id);
    // The board signed it, but it is no issuer service of the wallet's (no catalogue).
    expect(WalletStore.open(learner.context.home).issuers.map((issuer) => issuer.url)).toEqual([
      services.issuer.url,
    ]);
  });

  it('refuses a duplicate claim, a second acceptance, a payment of a cancelled task, a mainnet address: nothing written', async () => {
    const task = await postTask();
    const learner = await qualifiedLearner(task.url);
    const mainnet = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'; // BIP-173's mainnet P2WPKH
    await expect(
      claimCommand(learner.context, task.url, { address: mainnet }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('mainnet address'),
    });
    expect(await ledgerOf(task.id)).toHaveLength(1);
    await claimCommand(learner.context, task.url, {});
    await expect(claimCommand(learner.context, task.url, {})).rejects.toMatchObject({
      message: expect.stringContaining('claimed task'),
    });
    expect(await ledgerOf(task.id)).toHaveLength(2);
    expect((await employerCall(`/api/postings/${task.id}/claims/1/accept`)).status).toBe(200);
    const again = await employerCall(`/api/postings/${task.id}/claims/1/accept`);
    expect([again.status, (again.body as { error: { code: string } }).error.code]).toEqual([
      409,
      'TASK_ALREADY_ACCEPTED',
    ]);
    expect(
      (await employerCall(`/api/postings/${task.id}/cancel`, { reason: 'no longer needed' }))
        .status,
    ).toBe(200);
    const pay = await employerCall(`/api/postings/${task.id}/payment`, { txid: 'ab'.repeat(32) });
    expect([pay.status, (pay.body as { error: { code: string } }).error.code]).toEqual([
      409,
      'TASK_CANCELLED',
    ]);
    expect(await ledgerOf(task.id)).toHaveLength(4);
  });

  it('refuses a claim by an applicant who did not qualify, and an amount out of range', async () => {
    // The task asks for Git and SQL; the learner holds Git Basics alone and applies with it.
    const task = await postTask(['git-basics', 'sql-basics']);
    const { context } = walletContext();
    await initCommand(context);
    await paymentsInitCommand(context, { network: 'testnet' });
    await attemptCommand(context, 'git-basics', { answers: gitAnswersFile() });
    await expect(
      applyCommand(context, task.url, { yes: true, allowPartial: true }),
    ).resolves.toMatchObject({
      qualified: false,
    });
    await expect(claimCommand(context, task.url, {})).rejects.toMatchObject({
      message: expect.stringContaining('did not qualify'),
    });
    expect(await ledgerOf(task.id)).toHaveLength(1);

    const tooMuch = await employerCall('/api/postings', {
      title: 'Too generous',
      requirements: [
        {
          achievementId: `${services.issuer.url}/achievements/git-basics`,
          acceptedIssuers: [services.issuer.did],
        },
      ],
      task: { rewardSats: 2_100_000_000_000_001, network: 'testnet' },
    });
    expect([tooMuch.status, (tooMuch.body as { error: { code: string } }).error.code]).toEqual([
      400,
      'AMOUNT_INVALID',
    ]);
  });
});
