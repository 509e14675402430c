import { describe, expect, it } from '@jest/globals';
import {
  acceptTaskClaim,
  cancelTask,
  claimTask,
  exportLedgerCsv,
  exportLedgerJson,
  ledgerBalances,
  ledgerCsvColumns,
  postTask,
  recordTaskPayment,
  taskStateOf,
  type LedgerEntry,
} from '@skillproof/jobboard';
import { testAddresses } from '../../fixtures/bitcoin/test-addresses.js';

const at = new Date('2026-12-05T10:00:00Z');
const alice = 'did:key:z6MkAlice';
const bob = 'did:key:z6MkBob';
const aliceAddress = testAddresses('alice').testnet.p2wpkh;
const bobAddress = testAddresses('bob').testnet.p2tr;
const txid = 'ab'.repeat(32);

/** Appends what `operation` returns, as a store would. */
function append(history: LedgerEntry[], operation: (history: LedgerEntry[]) => LedgerEntry) {
  const entry = operation(history);
  history.push(entry);
  return entry;
}

function postedTask(rewardSats = 5000): LedgerEntry[] {
  const history: LedgerEntry[] = [];
  append(history, (h) =>
    postTask(h, { taskId: 't-1', employerId: 'acme', rewardSats, network: 'testnet', at }),
  );
  return history;
}

function acceptedTask(): LedgerEntry[] {
  const history = postedTask();
  append(history, (h) => claimTask(h, { learnerDid: alice, address: aliceAddress, at }));
  append(history, (h) => claimTask(h, { learnerDid: bob, address: bobAddress, at }));
  append(history, (h) => acceptTaskClaim(h, { employerId: 'acme', learnerDid: alice, at }));
  return history;
}

describe('a paid task on the ledger', () => {
  it('goes open -> claimed -> accepted -> paid, each entry balanced, balances folded', () => {
    const history = postedTask();
    expect(taskStateOf(history).status).toBe('open');
    expect(Object.fromEntries(ledgerBalances(history))).toEqual({
      'employer:acme:committed': -5000,
      'task:t-1:escrow': 5000,
    });
    append(history, (h) => claimTask(h, { learnerDid: alice, address: aliceAddress, at }));
    append(history, (h) => claimTask(h, { learnerDid: bob, address: bobAddress, at }));
    expect(taskStateOf(history).status).toBe('claimed');
    expect(taskStateOf(history).claims.map((claim) => claim.learnerDid)).toEqual([alice, bob]);
    append(history, (h) => acceptTaskClaim(h, { employerId: 'acme', learnerDid: alice, at }));
    expect(taskStateOf(history)).toMatchObject({
      status: 'accepted',
      accepted: { learnerDid: alice, address: aliceAddress },
    });
    const paid = append(history, (h) =>
      recordTaskPayment(h, { employerId: 'acme', txid: txid.toUpperCase(), at }),
    );
    expect(paid).toMatchObject({ kind: 'paid', txid, address: aliceAddress, sequence: 4 });
    expect(taskStateOf(history)).toMatchObject({ status: 'paid', payment: { txid } });
    expect(Object.fromEntries(ledgerBalances(history))).toEqual({
      'employer:acme:committed': -5000,
      'task:t-1:escrow': 0,
      [`learner:${alice}:payable`]: 0,
      paid: 5000,
    });
    expect(history.map((entry) => entry.sequence)).toEqual([0, 1, 2, 3, 4]);
    for (const entry of history) {
      expect(entry.postings.reduce((sum, posting) => sum + posting.amountSats, 0)).toBe(0);
    }
  });

  it('refuses a reward out of range (AMOUNT_INVALID) and posting twice (CONFLICT)', () => {
    for (const rewardSats of [0, 1.5, -3, 2_100_000_000_000_001, '5000']) {
      expect(() =>
        postTask([], { taskId: 't', employerId: 'acme', rewardSats, network: 'testnet', at }),
      ).toThrow(expect.objectContaining({ code: 'AMOUNT_INVALID' }));
    }
    expect(() =>
      postTask(postedTask(), {
        taskId: 't-1',
        employerId: 'acme',
        rewardSats: 1,
        network: 'testnet',
        at,
      }),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('refuses a duplicate claim, a wrong-network or malformed address, and a non-DID', () => {
    const history = postedTask();
    append(history, (h) => claimTask(h, { learnerDid: alice, address: aliceAddress, at }));
    expect(() => claimTask(history, { learnerDid: alice, address: aliceAddress, at })).toThrow(
      expect.objectContaining({ code: 'CLAIM_DUPLICATE' }),
    );
    expect(() =>
      claimTask(history, { learnerDid: bob, address: testAddresses('bob').mainnet.p2wpkh, at }),
    ).toThrow(
      expect.objectContaining({
        code: 'ADDRESS_INVALID',
        message: expect.stringContaining('mainnet'),
      }),
    );
    expect(() => claimTask(history, { learnerDid: bob, address: 'tb1qnotanaddress', at })).toThrow(
      expect.objectContaining({ code: 'ADDRESS_INVALID' }),
    );
    expect(() => claimTask(history, { learnerDid: 'bob', address: bobAddress, at })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(history).toHaveLength(2);
  });

  it('accepts one claim only, of a learner who claimed, by the owner only', () => {
    expect(() =>
      acceptTaskClaim(postedTask(), { employerId: 'acme', learnerDid: alice, at }),
    ).toThrow(expect.objectContaining({ code: 'TASK_NOT_OPEN' }));
    const claimed = postedTask();
    append(claimed, (h) => claimTask(h, { learnerDid: alice, address: aliceAddress, at }));
    expect(() => acceptTaskClaim(claimed, { employerId: 'acme', learnerDid: bob, at })).toThrow(
      expect.objectContaining({ code: 'CLAIM_NOT_FOUND' }),
    );
    expect(() => acceptTaskClaim(claimed, { employerId: 'globex', learnerDid: alice, at })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    const accepted = acceptedTask();
    expect(() => acceptTaskClaim(accepted, { employerId: 'acme', learnerDid: bob, at })).toThrow(
      expect.objectContaining({ code: 'TASK_ALREADY_ACCEPTED' }),
    );
    expect(() =>
      claimTask(accepted, { learnerDid: 'did:key:z6MkCarol', address: aliceAddress, at }),
    ).toThrow(expect.objectContaining({ code: 'TASK_ALREADY_ACCEPTED' }));
  });

  it('pays once, only after acceptance, with a real txid', () => {
    const claimed = postedTask();
    append(claimed, (h) => claimTask(h, { learnerDid: alice, address: aliceAddress, at }));
    expect(() => recordTaskPayment(claimed, { employerId: 'acme', txid, at })).toThrow(
      expect.objectContaining({ code: 'TASK_NOT_ACCEPTED' }),
    );
    const history = acceptedTask();
    for (const bad of ['ab', 'zz'.repeat(32), 42]) {
      expect(() => recordTaskPayment(history, { employerId: 'acme', txid: bad, at })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
    expect(() => recordTaskPayment(history, { employerId: 'globex', txid, at })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    append(history, (h) => recordTaskPayment(h, { employerId: 'acme', txid, at }));
    expect(() => recordTaskPayment(history, { employerId: 'acme', txid, at })).toThrow(
      expect.objectContaining({ code: 'TASK_ALREADY_PAID' }),
    );
    expect(() => cancelTask(history, { employerId: 'acme', reason: 'oops', at })).toThrow(
      expect.objectContaining({ code: 'TASK_ALREADY_PAID' }),
    );
    expect(() => claimTask(history, { learnerDid: bob, address: bobAddress, at })).toThrow(
      expect.objectContaining({ code: 'TASK_ALREADY_PAID' }),
    );
  });

  it('cancels before payment, returning the reward to the employer; a cancelled task takes nothing more', () => {
    const open = postedTask();
    append(open, (h) => cancelTask(h, { employerId: 'acme', reason: 'no longer needed', at }));
    expect(ledgerBalances(open).get('employer:acme:committed')).toBe(0);
    expect(ledgerBalances(open).get('task:t-1:escrow')).toBe(0);
    expect(() => recordTaskPayment(open, { employerId: 'acme', txid, at })).toThrow(
      expect.objectContaining({ code: 'TASK_CANCELLED' }),
    );
    expect(() => claimTask(open, { learnerDid: alice, address: aliceAddress, at })).toThrow(
      expect.objectContaining({ code: 'TASK_CANCELLED' }),
    );
    expect(() => cancelTask(open, { employerId: 'acme', reason: 'again', at })).toThrow(
      expect.objectContaining({ code: 'TASK_CANCELLED' }),
    );

    const accepted = acceptedTask();
    append(accepted, (h) => cancelTask(h, { employerId: 'acme', reason: 'changed plans', at }));
    const balances = ledgerBalances(accepted);
    expect(balances.get(`learner:${alice}:payable`)).toBe(0);
    expect(balances.get('employer:acme:committed')).toBe(0);
  });

  it('refuses damaged histories with LEDGER_INVALID and an unknown task with NOT_FOUND', () => {
    expect(() => taskStateOf([])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const history = acceptedTask();
    const unbalanced = history.map((entry) =>
      entry.kind === 'accepted'
        ? { ...entry, postings: [{ account: 'task:t-1:escrow', amountSats: -5000 }] }
        : entry,
    );
    expect(() => ledgerBalances(unbalanced)).toThrow(
      expect.objectContaining({
        code: 'LEDGER_INVALID',
        message: expect.stringContaining('does not balance'),
      }),
    );
    const overdrawn: LedgerEntry[] = [...history, { ...history[3]!, sequence: 4 } as LedgerEntry];
    expect(() => ledgerBalances(overdrawn)).toThrow(
      expect.objectContaining({
        code: 'LEDGER_INVALID',
        message: expect.stringContaining('overdraws'),
      }),
    );
    expect(() => taskStateOf(overdrawn)).toThrow(
      expect.objectContaining({ code: 'LEDGER_INVALID' }),
    );
    const gap = [history[0]!, { ...history[1]!, sequence: 5 }];
    expect(() => taskStateOf(gap)).toThrow(expect.objectContaining({ code: 'LEDGER_INVALID' }));
  });
});

describe('ledger export', () => {
  const history = acceptedTask();
  history.push(recordTaskPayment(history, { employerId: 'acme', txid, at }));

  it('exports JSON with every entry and the folded balances', () => {
    const exported = exportLedgerJson(history, at);
    expect(exported).toMatchObject({ format: 'skillproof-ledger', version: 1 });
    expect(exported.entries).toEqual(history);
    expect(exported.balances).toEqual({
      'employer:acme:committed': -5000,
      [`learner:${alice}:payable`]: 0,
      paid: 5000,
      'task:t-1:escrow': 0,
    });
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it('exports CSV, one row per posting, amounts of each entry summing to zero', () => {
    const csv = exportLedgerCsv(history);
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toBe(ledgerCsvColumns.join(','));
    // posted 2 rows, 2 claims 1 row each, accepted 2, paid 2
    expect(rows).toHaveLength(8);
    const sums = new Map<string, number>();
    for (const row of rows) {
      const cells = row.split(',');
      const key = `${cells[0]}#${cells[1]}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(cells[5]));
    }
    expect([...sums.values()].every((sum) => sum === 0)).toBe(true);
    expect(rows.at(-1)).toContain(txid);
  });

  it('quotes cells and defuses spreadsheet formulas', () => {
    const entry = postTask([], {
      taskId: '=HYPERLINK("x"),1',
      employerId: 'acme',
      rewardSats: 1,
      network: 'testnet',
      at,
    });
    const row = exportLedgerCsv([entry]).split('\r\n')[1]!;
    expect(row.startsWith(`"'=HYPERLINK(""x""),1"`)).toBe(true);
  });
});
