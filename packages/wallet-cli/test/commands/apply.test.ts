import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeJwt } from '@skillproof/core';
import {
  applyCommand,
  ExitError,
  refreshCommand,
  WalletStore,
  type ApplyResult,
} from '@skillproof/wallet-cli';
import { exitCodeOf } from '../fixtures/exit-code-of.js';
import { postHalfAndWhole, startFakeJobBoard } from '../fixtures/fake-job-board.js';
import { walletWithBadges } from '../fixtures/wallet-with-badges.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * A wallet holding Git Basics and SQL Basics, checked valid unless `refresh` is false, and a
 * board with two postings: "half" (Git Basics and Python, which the wallet lacks) and "whole"
 * (Git Basics and SQL Basics).
 */
async function walletAndBoard(
  options: { json?: boolean; answers?: string[]; refresh?: boolean } = {},
) {
  const wallet = await walletWithBadges(options);
  const board = await startFakeJobBoard();
  servers.push(wallet.server, board);
  if (options.refresh !== false) await refreshCommand(wallet.context);
  wallet.printed.stdout = '';
  postHalfAndWhole(board, wallet.issuer.did);
  const answers: string[] = [];
  const asked: string[] = [];
  const context = {
    ...wallet.context,
    prompter: {
      ...wallet.context.prompter,
      ask: async (question: string) => {
        asked.push(question);
        const answer = answers.shift();
        if (answer === undefined) throw new Error(`unexpected prompt: ${question}`);
        return answer;
      },
    },
  };
  return {
    ...wallet,
    context,
    board,
    asked,
    answer: (...given: string[]) => void answers.push(...given),
    half: `${board.url}/postings/half`,
    whole: `${board.url}/postings/whole`,
    applications: () => WalletStore.open(wallet.home).applications,
  };
}

describe('skillproof apply: what is left unmet', () => {
  it('with --yes, refuses a set that leaves a requirement unmet, sending nothing', async () => {
    const { context, board, half, applications, issuer } = await walletAndBoard();
    await expect(applyCommand(context, half, { yes: true })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: `not applied: your badges leave required credentials unmatched (Python Problem Solver I from ${issuer.did}); nothing was sent. Add --allow-partial to send anyway`,
    });
    expect(board.presentations).toEqual([]);
    expect(applications()).toEqual([]);
  });

  it('with --yes --allow-partial, sends the partial set', async () => {
    const { context, board, half, applications, git } = await walletAndBoard();
    const result = await applyCommand(context, half, { yes: true, allowPartial: true });
    expect(result.sharedCredentials).toEqual([git.id]);
    expect(board.presentations).toHaveLength(1);
    expect(applications()).toHaveLength(1);
  });

  it('shows what is unmet before asking "Send anyway?", and sends nothing on no', async () => {
    const { context, board, half, asked, answer, printed, issuer } = await walletAndBoard();
    answer('n');
    await expect(applyCommand(context, half, {})).rejects.toMatchObject({
      message: 'not applied: you declined to share',
    });
    expect(asked).toEqual(['Send anyway? [y/N] ']);
    expect(printed.stderr).toContain(`Applying to "Git and Python" at ${board.url}\n`);
    expect(printed.stderr).toContain(
      `These badges will be shared, and nothing else:\n  • Git Basics from Test Academy, score 90%, jwt_vc_json`,
    );
    expect(printed.stderr).toContain(
      `They leave required credentials unmatched:\n  • Python Problem Solver I from ${issuer.did}\n`,
    );
    expect(board.presentations).toEqual([]);
  });

  it('asks the usual question when every requirement is met and every badge is valid', async () => {
    const { context, whole, asked, answer, printed } = await walletAndBoard();
    answer('y');
    const result = await applyCommand(context, whole, {});
    expect(asked).toEqual(['Share them and apply? [y/N] ']);
    expect(result).toMatchObject({ qualified: true, replaced: null });
    expect(printed.stderr).not.toContain('unmet');
    expect(printed.stderr).not.toContain('not known to be valid');
  });
});

describe('skillproof apply: badges whose status is not known', () => {
  it('with --yes, refuses badges never checked, or whose issuer was unreachable', async () => {
    const never = await walletAndBoard({ refresh: false });
    await expect(applyCommand(never.context, never.whole, { yes: true })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(
        /^not applied: the status of Git Basics \(never checked\), SQL Basics \(never checked\) is not known to be valid; nothing was sent\./,
      ),
    });
    expect(never.board.presentations).toEqual([]);

    const unreachable = await walletAndBoard();
    await unreachable.server.close();
    expect(await exitCodeOf(refreshCommand(unreachable.context))).toBe(4);
    await expect(
      applyCommand(unreachable.context, unreachable.whole, { yes: true }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('Git Basics (unknown, could not be checked: '),
    });
    expect(unreachable.board.presentations).toEqual([]);
    const sent = await applyCommand(unreachable.context, unreachable.whole, {
      yes: true,
      allowPartial: true,
    });
    expect(sent.sharedCredentials).toHaveLength(2);
  });

  it('lists them and asks "Send anyway?"', async () => {
    const { context, whole, asked, answer, printed, board } = await walletAndBoard({
      refresh: false,
    });
    answer('y');
    await applyCommand(context, whole, {});
    expect(asked).toEqual(['Send anyway? [y/N] ']);
    expect(printed.stderr).toContain(
      'Their status is not known to be valid (check with `skillproof refresh`):\n  • Git Basics: never checked\n  • SQL Basics: never checked\n',
    );
    expect(board.presentations).toHaveLength(1);
  });
});

describe('skillproof apply: applying again', () => {
  it('asks "apply again?" and keeps one application per posting, the new one', async () => {
    const { context, whole, asked, answer, applications, clock } = await walletAndBoard();
    answer('y');
    const first = await applyCommand(context, whole, {});
    clock.advance(3_600_000);
    answer('y');
    const second = await applyCommand(context, whole, {});
    expect(asked).toEqual([
      'Share them and apply? [y/N] ',
      'You applied on 2026-11-26 12:00 UTC; apply again? [y/N] ',
    ]);
    expect(second.replaced).toEqual({ id: first.id, appliedAt: '2026-11-26T12:00:00.000Z' });
    expect(applications()).toEqual([
      expect.objectContaining({ id: second.id, appliedAt: '2026-11-26T13:00:00.000Z' }),
    ]);
  });

  it('sends nothing when the learner says no to applying again', async () => {
    const { context, whole, answer, applications, board } = await walletAndBoard();
    await applyCommand(context, whole, { yes: true });
    answer('n');
    await expect(applyCommand(context, whole, {})).rejects.toMatchObject({
      message: 'not applied: you declined to share',
    });
    expect(board.presentations).toHaveLength(1);
    expect(applications()).toHaveLength(1);
  });

  it('with --yes, applies again and says it replaces the earlier one', async () => {
    const { context, whole, printed, applications, asked } = await walletAndBoard();
    const first = await applyCommand(context, whole, { yes: true });
    printed.stdout = '';
    printed.stderr = '';
    const second = await applyCommand(context, whole, { yes: true });
    expect(asked).toEqual([]);
    expect(printed.stderr).toContain(
      'You applied to this posting on 2026-11-26 12:00 UTC; a new application replaces that one in your wallet.',
    );
    expect(printed.stdout).toContain(
      'This application replaces the one of 2026-11-26 12:00 UTC in your wallet.',
    );
    expect(second.replaced?.id).toBe(first.id);
    expect(applications().map((application) => application.id)).toEqual([second.id]);
  });
});

describe('skillproof apply: a board that cannot reach an issuer (503)', () => {
  it('says so, and when to retry, exits 4 and stores no application', async () => {
    const { context, whole, board, applications } = await walletAndBoard({ json: true });
    board.answer = {
      status: 503,
      retryAfter: '120',
      error: {
        code: 'UPSTREAM_FAILED',
        message: 'the status list https://issuer.example/status/1 could not be fetched',
      },
    };
    const refused = await applyCommand(context, whole, { yes: true }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ExitError);
    expect(refused).toMatchObject({
      exitCode: 4,
      reason: `not applied: ${board.url} could not check your badges because an issuer is unreachable (the status list https://issuer.example/status/1 could not be fetched); the board recorded nothing and your wallet stored nothing. Try again after 2026-11-26 12:02 UTC (in 2 min)`,
    });
    expect(board.presentations).toHaveLength(1);
    expect(applications()).toEqual([]);
  });

  it('keeps the earlier application, and says "try again later" without Retry-After', async () => {
    const { context, whole, board, applications } = await walletAndBoard();
    const first: ApplyResult = await applyCommand(context, whole, { yes: true });
    board.answer = { status: 503, error: { code: 'UPSTREAM_FAILED', message: 'DID not found' } };
    await expect(applyCommand(context, whole, { yes: true })).rejects.toMatchObject({
      exitCode: 4,
      reason: expect.stringMatching(/nothing\. Try again later$/),
    });
    expect(applications().map((application) => application.id)).toEqual([first.id]);
    // What was sent was a presentation for this board's nonce, as always.
    const sent = board.presentations.at(-1)?.presentation ?? '';
    expect(decodeJwt(sent).payload).toMatchObject({ aud: board.clientId, nonce: 'nonce-2' });
  });
});
