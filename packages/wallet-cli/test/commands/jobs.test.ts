import { afterEach, describe, expect, it } from '@jest/globals';
import { jobsCommand, type PostingMatch } from '@skillproof/wallet-cli';
import { makeIdentity } from '@skillproof/testing';
import { boardPosting, postHalfAndWhole, startFakeJobBoard } from '../fixtures/fake-job-board.js';
import { walletWithBadges } from '../fixtures/wallet-with-badges.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function walletAndBoard(options: { json?: boolean } = {}) {
  const wallet = await walletWithBadges(options);
  const board = await startFakeJobBoard();
  servers.push(wallet.server, board);
  postHalfAndWhole(board, wallet.issuer.did);
  return { ...wallet, board };
}

describe('skillproof jobs', () => {
  it('is qualified only when every requirement is met, and names the unmet one', async () => {
    const { context, printed, board } = await walletAndBoard({ json: true });
    await jobsCommand(context, board.url);
    const { postings } = JSON.parse(printed.stdout) as { postings: PostingMatch[] };
    const byId = new Map(postings.map((posting) => [posting.id, posting]));
    expect(byId.get('half')).toMatchObject({
      qualified: false,
      requirements: [
        { id: 'r1', met: true, badges: ['Git Basics'] },
        { id: 'r2', met: false, badges: [], description: expect.stringContaining('Python') },
      ],
    });
    expect(byId.get('whole')).toMatchObject({
      qualified: true,
      requirements: [
        { id: 'r1', met: true },
        { id: 'r2', met: true },
      ],
    });
  });

  it('marks with ✔ only a posting whose every requirement is met, and lists what is missing', async () => {
    const { context, printed, board, issuer } = await walletAndBoard();
    await jobsCommand(context, board.url);
    const lines = printed.stdout.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^· +Git and Python +1/2 met +${board.url}/postings/half$`)),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^✔ +Git and SQL +2/2 met +${board.url}/postings/whole$`)),
    );
    expect(printed.stdout).toContain(
      `Not met yet:\n  Git and Python: Python Problem Solver I from ${issuer.did}\n`,
    );
  });

  it("decides with the board's own evaluation: a score below the minimum or an issuer not accepted is unmet", async () => {
    const { context, printed, board, issuer } = await walletAndBoard({ json: true });
    const sql = (issuerDid: string) => ({
      id: 'r1',
      achievementId: 'https://issuer.example/achievements/sql-basics',
      name: 'SQL Basics',
      issuerDid,
    });
    // The wallet holds SQL Basics with a score of 70.
    const scored = boardPosting('scored', 'SQL, 80 or more', [sql(issuer.did)]);
    const [clause] = scored.requirements;
    if (clause?.type !== 'badge') throw new Error('expected a badge clause');
    clause.minScore = 80;
    board.postings.set('scored', scored);
    board.postings.set(
      'elsewhere',
      boardPosting('elsewhere', 'SQL from another academy', [sql(makeIdentity().did)]),
    );
    await jobsCommand(context, board.url);
    const { postings } = JSON.parse(printed.stdout) as { postings: PostingMatch[] };
    const byId = new Map(postings.map((posting) => [posting.id, posting]));
    expect(byId.get('scored')).toMatchObject({
      qualified: false,
      requirements: [{ id: 'r1', met: false, reason: expect.stringMatching(/score/i) }],
    });
    expect(byId.get('elsewhere')).toMatchObject({
      qualified: false,
      requirements: [{ id: 'r1', met: false, reason: expect.stringMatching(/issuer/i) }],
    });
  });
});
