import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  correctAnswers,
  createCredentialOffer,
  findBadge,
  loadDefaultCatalog,
} from '@skillproof/issuer';
import {
  attemptCommand,
  initCommand,
  receiveCommand,
  showCommand,
  WalletStore,
  type ShowResult,
} from '@skillproof/wallet-cli';
import { inProcessWalletContext } from './fixtures/in-process-wallet.js';
import { startLoggedIssuer } from './fixtures/logged-issuer.js';

// Issue 17: the wallet keeps the issuer's transparency-log receipt with a badge it earns, and
// `show` checks it (checkpoint signature, inclusion proof, the entry naming this very badge).
const dataDir = mkdtempSync(join(tmpdir(), 'skillproof-receipt-'));
let issuer: Awaited<ReturnType<typeof startLoggedIssuer>>;

beforeAll(async () => {
  issuer = await startLoggedIssuer(join(dataDir, 'issuer'));
});
afterAll(async () => {
  await issuer?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let learners = 0;

/** A new wallet that earned git-basics from the issuer (no checkpoint signed since). */
async function learnerWithBadge() {
  const home = join(dataDir, `learner-${++learners}`);
  const made = inProcessWalletContext({ home, issuerUrl: issuer.url });
  const { did } = await initCommand(made.context);
  const answers = join(dataDir, `answers-${learners}.json`);
  const badge = findBadge(loadDefaultCatalog(), 'git-basics');
  writeFileSync(
    answers,
    JSON.stringify(correctAnswers(badge, { learnerDid: did, puzzleSecret: issuer.puzzleSecret })),
  );
  const attempted = await attemptCommand(made.context, 'git-basics', { answers });
  made.context.output = { ...made.context.output, json: true };
  return { ...made, home, did, id: attempted.credentialId as string };
}

async function show(made: Awaited<ReturnType<typeof learnerWithBadge>>) {
  made.printed.stdout = '';
  const result = await showCommand(made.context, made.id).catch((error: unknown) => error);
  return { result, printed: JSON.parse(made.printed.stdout) as ShowResult };
}

describe('transparency receipts in the wallet', () => {
  it('keeps the receipt of an earned badge: pending, then logged once a checkpoint covers it', async () => {
    const learner = await learnerWithBadge();
    const [stored] = WalletStore.open(learner.home).credentials;
    expect(stored?.transparencyReceipt).toMatchObject({
      leafIndex: expect.any(Number),
      checkpoint: null,
      url: `${issuer.url}/log/receipts/${encodeURIComponent(learner.id)}`,
    });

    const pending = await show(learner);
    expect(pending.printed.transparency).toMatchObject({ state: 'pending' });

    await issuer.signNow();
    const logged = await show(learner);
    expect(logged.printed.transparency).toEqual({
      state: 'logged',
      message: null,
      leafIndex: stored?.transparencyReceipt?.leafIndex,
      checkpointSize: expect.any(Number),
    });
    // The complete receipt is kept: later checks need no receipt from the issuer.
    const kept = WalletStore.open(learner.home).credentials[0]?.transparencyReceipt;
    expect(kept?.checkpoint).toMatch(/\/log\n\d+\n/);
    expect(kept?.inclusionProof).toEqual(expect.any(Array));

    learner.context.output = { ...learner.context.output, json: false };
    learner.printed.stdout = '';
    await showCommand(learner.context, learner.id);
    expect(learner.printed.stdout).toMatch(
      new RegExp(
        `  log: +logged \\(entry ${kept?.leafIndex}, in the issuer's signed tree of \\d+\\)`,
      ),
    );
  });

  it.each([
    [
      'a leaf hash of another entry',
      (receipt: Record<string, unknown>) => ({
        ...receipt,
        leafHash: Buffer.alloc(32, 7).toString('base64'),
      }),
      /inclusion proof does not lead/,
    ],
    [
      'another leaf index',
      (receipt: Record<string, unknown>) => ({
        ...receipt,
        leafIndex: (receipt['leafIndex'] as number) + 1,
      }),
      /inclusion proof|not the receipt's leaf|not this badge/,
    ],
    [
      'a checkpoint with a changed root',
      (receipt: Record<string, unknown>) => ({
        ...receipt,
        checkpoint: (receipt['checkpoint'] as string).replace(
          /\n([A-Za-z0-9+/]{10})/,
          '\nAAAAAAAAAA',
        ),
      }),
      /not signed by the issuer/,
    ],
  ])('shows a receipt with %s as INVALID, exit code 3', async (_what, tamper, why) => {
    const learner = await learnerWithBadge();
    await issuer.signNow();
    await show(learner);
    const file = join(learner.home, 'wallet.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      credentials: Array<Record<string, unknown>>;
    };
    const entry = data.credentials[0] as Record<string, unknown>;
    entry['transparencyReceipt'] = tamper(entry['transparencyReceipt'] as Record<string, unknown>);
    writeFileSync(file, JSON.stringify(data));

    const { result, printed } = await show(learner);
    expect(printed.transparency).toMatchObject({
      state: 'invalid',
      message: expect.stringMatching(why),
    });
    expect(result).toMatchObject({ exitCode: 3 });
  });

  it("shows another badge's genuine receipt as INVALID: the entry is not this badge's issuance", async () => {
    const learner = await learnerWithBadge();
    const other = await learnerWithBadge();
    await issuer.signNow();
    await show(other);
    const receipt = WalletStore.open(other.home).credentials[0]?.transparencyReceipt;
    const file = join(learner.home, 'wallet.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      credentials: Array<Record<string, unknown>>;
    };
    (data.credentials[0] as Record<string, unknown>)['transparencyReceipt'] = receipt;
    writeFileSync(file, JSON.stringify(data));
    const { result, printed } = await show(learner);
    expect(printed.transparency).toMatchObject({
      state: 'invalid',
      message: expect.stringMatching(/is not this badge's issuance/),
    });
    expect(result).toMatchObject({ exitCode: 3 });
  });

  it('keeps the transparency_receipt of a badge received by OpenID4VCI, and shows it logged', async () => {
    const learner = await learnerWithBadge();
    const [attempt] = await issuer.built.store.listAttempts(learner.did, 'git-basics');
    const offer = await createCredentialOffer(issuer.built.context, {
      badgeId: 'git-basics',
      attemptId: attempt?.id as string,
      subjectDid: learner.did,
      formats: ['ldp_vc'],
    });
    const received = await receiveCommand(learner.context, offer.offerUri, {});
    const id = received.credentials[0]?.id as string;
    const stored = WalletStore.open(learner.home).credentials.find((entry) => entry.id === id);
    expect(stored).toMatchObject({
      format: 'ldp_vc',
      transparencyReceipt: {
        leafIndex: expect.any(Number),
        url: expect.stringContaining('/log/receipts/'),
      },
    });
    await issuer.signNow();
    const { printed } = await show({ ...learner, id });
    expect(printed.transparency).toMatchObject({
      state: 'logged',
      leafIndex: stored?.transparencyReceipt?.leafIndex,
    });
  });

  it('says a badge without a receipt is not logged', async () => {
    const learner = await learnerWithBadge();
    const file = join(learner.home, 'wallet.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      credentials: Array<Record<string, unknown>>;
    };
    delete data.credentials[0]?.['transparencyReceipt'];
    writeFileSync(file, JSON.stringify(data));
    const { printed } = await show(learner);
    expect(printed.transparency).toEqual({ state: 'not-logged', message: null });
  });
});
