import { SkillproofError } from '@skillproof/core';
import { jobboardClient, parsePostingUrl } from '../net/jobboard-client.js';
import { isSameService } from '../net/same-service.js';
import { printable, renderTable, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import { derivePaymentAddress, readPaymentNetwork } from '../wallet/payment-keys.js';
import { readPaymentSeed, takeNextPaymentIndex } from '../wallet/payment-seed-store.js';
import { signPresentation } from '../wallet/sign-presentation.js';
import { readTaskClaims, saveTaskClaim, type StoredTaskClaim } from '../wallet/task-claim-store.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { storeVerifiedCredentials, type ReceivedCredential } from './store-verified-credentials.js';
import { unlockLearnerKey } from './unlock-learner-key.js';

/** Options of `skillproof claim`. */
export interface ClaimOptions {
  /** Be paid to this address instead of the wallet's next one. */
  address?: string;
  /** Be paid to the wallet's address at this index. */
  index?: string;
  /** Fetch the completion credential of a paid claim instead of claiming. */
  collect?: boolean;
}

/** What `claim --collect` stored. */
export interface CollectResult {
  claim: StoredTaskClaim;
  credential: ReceivedCredential;
}

type Board = ReturnType<typeof jobboardClient>;

/**
 * A DID-authentication presentation (no credentials) on a fresh board nonce of the posting:
 * how the board knows the claim (or the collection) is made by the holder of the DID the
 * application was made with. The board's domain must be the board's own origin.
 */
async function proofOfDid(
  context: CommandContext,
  board: Board,
  base: string,
  postingId: string,
): Promise<string> {
  const key = await unlockLearnerKey(context);
  const { nonce, domain } = await board.proofNonce(postingId);
  if (!isSameService(base, domain)) {
    throw new SkillproofError(
      'UPSTREAM_FAILED',
      `${new URL(base).origin} asked for a proof addressed to ${printable(domain)}; nothing was sent`,
    );
  }
  return signPresentation(key, { credentials: [], challenge: nonce, domain, now: context.now() });
}

function paymentAddress(context: CommandContext, network: string, options: ClaimOptions): string {
  if (options.address !== undefined) return options.address;
  const paymentNetwork = readPaymentNetwork(network);
  const seed = readPaymentSeed(context.home);
  let index: number;
  if (options.index === undefined) {
    index = takeNextPaymentIndex(context.home, paymentNetwork);
  } else {
    if (!/^\d{1,10}$/.test(options.index)) {
      throw new UsageError('--index is a whole number from 0 to 2147483647');
    }
    index = Number(options.index);
  }
  return derivePaymentAddress(
    paymentNetwork === 'mainnet' ? seed.accountKeys.mainnet : seed.accountKeys.test,
    paymentNetwork,
    index,
  );
}

/**
 * `skillproof claim <posting URL>`: claims the posting's paid task with this wallet's qualified
 * application to it (`skillproof applications`), to be paid to the wallet's next receiving
 * address on the task's network (`payments address`; or `--address`, `--index`), proving the
 * application's DID with a DID-auth presentation on a board nonce. The claim is kept in
 * `claims.json`. With `--collect`: fetches the completion credential of the paid claim, proving
 * the DID again, verifies it and stores it like any badge.
 *
 * @throws SkillproofError `NOT_FOUND` (no application, not a task, no claim to collect),
 * `VALIDATION_FAILED` (the application did not qualify), and what the board answers.
 * @example
 * ```ts
 * await claimCommand(context, 'http://localhost:4300/postings/3f2c', {});
 * ```
 */
export async function claimCommand(
  context: CommandContext,
  postingUrl: string,
  options: ClaimOptions,
): Promise<StoredTaskClaim | CollectResult> {
  if (options.address !== undefined && options.index !== undefined) {
    throw new UsageError('give --address or --index, not both');
  }
  const { base, postingId } = parsePostingUrl(postingUrl);
  const canonicalUrl = `${base}/postings/${encodeURIComponent(postingId)}`;
  const store = WalletStore.open(context.home);
  const board = jobboardClient(context.fetch, base);
  if (options.collect) return collect(context, store, board, base, postingId, canonicalUrl);

  const application = store.applications.find((known) => known.postingUrl === canonicalUrl);
  if (!application) {
    throw new SkillproofError(
      'NOT_FOUND',
      `you have not applied to ${canonicalUrl}: apply first (skillproof apply ${canonicalUrl})`,
    );
  }
  if (!application.qualified) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `your application to "${printable(application.postingTitle)}" did not qualify: only qualified applicants can claim its task`,
    );
  }
  const posting = await withProgress(context.output, 'fetching the posting', () =>
    board.getPosting(postingId),
  );
  if (!posting.task) {
    throw new SkillproofError('NOT_FOUND', `"${printable(posting.title)}" is not a paid task`);
  }
  const address = paymentAddress(context, posting.task.network, options);
  const presentation = await proofOfDid(context, board, base, postingId);
  const claim = await withProgress(context.output, 'claiming the task', () =>
    board.claimTask(postingId, { applicationId: application.id, address, presentation }),
  );
  const stored: StoredTaskClaim = {
    postingUrl: canonicalUrl,
    postingTitle: posting.title,
    claimId: claim.id,
    address: claim.address,
    network: posting.task.network,
    rewardSats: posting.task.rewardSats,
    claimedAt: claim.claimedAt,
  };
  saveTaskClaim(context.home, stored);
  printResult(context, stored, () =>
    [
      renderTable(
        context.output,
        ['TASK', 'CLAIM', 'REWARD', 'NETWORK', 'PAY TO'],
        [
          [
            printable(stored.postingTitle),
            stored.claimId,
            `${stored.rewardSats} sats`,
            stored.network,
            stored.address,
          ],
        ],
      ),
      `Its status: ${canonicalUrl}/claims/${encodeURIComponent(stored.claimId)}`,
      `Once the employer has paid, collect the completion credential: skillproof claim ${canonicalUrl} --collect`,
    ].join('\n'),
  );
  return stored;
}

async function collect(
  context: CommandContext,
  store: WalletStore,
  board: Board,
  base: string,
  postingId: string,
  canonicalUrl: string,
): Promise<CollectResult> {
  const claim = readTaskClaims(context.home).find((known) => known.postingUrl === canonicalUrl);
  if (!claim) {
    throw new SkillproofError('NOT_FOUND', `this wallet has not claimed ${canonicalUrl}`);
  }
  const presentation = await proofOfDid(context, board, base, postingId);
  const jwt = await withProgress(context.output, 'fetching the completion credential', () =>
    board.collectTaskCredential(postingId, claim.claimId, presentation),
  );
  const [credential] = await storeVerifiedCredentials(context, store, [jwt], {
    did: store.did,
    issuer: { url: base, name: `Job board ${new URL(base).host}` },
    // The board signs this credential but offers no catalogue: it is not an issuer service.
    registerIssuer: false,
  });
  if (!credential) throw new SkillproofError('UPSTREAM_FAILED', 'the board sent no credential');
  const collected = { ...claim, credentialId: credential.id };
  saveTaskClaim(context.home, collected);
  const result: CollectResult = { claim: collected, credential };
  printResult(context, result, () =>
    renderTable(
      context.output,
      ['CREDENTIAL', 'NAME', 'ISSUER'],
      [[credential.id, printable(credential.name ?? ''), credential.issuerDid]],
    ),
  );
  return result;
}
