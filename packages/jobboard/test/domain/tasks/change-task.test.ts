import { describe, expect, it } from '@jest/globals';
import {
  acceptTaskClaim,
  cancelTask,
  changeTask,
  claimTask,
  completionCredentialForTask,
  paymentPsbtForTask,
  paymentRequestForTask,
  postTask,
  readPsbt,
  recordTaskPayment,
  taskStateOf,
} from '@skillproof/jobboard';
import { createInMemoryTaskLedger } from '../../fixtures/in-memory-task-ledger.js';
import { testAddresses } from '../../fixtures/bitcoin/test-addresses.js';

const at = new Date('2026-12-05T10:00:00Z');
const learner = 'did:key:z6MkLearner';
const address = testAddresses('learner').testnet.p2wpkh;
const txid = (n: number) => String(n).repeat(64).slice(0, 64);

async function acceptedTask() {
  const store = createInMemoryTaskLedger();
  await changeTask(store, 't-1', (h) =>
    postTask(h, { taskId: 't-1', employerId: 'acme', rewardSats: 25_000, network: 'testnet', at }),
  );
  await changeTask(store, 't-1', (h) => claimTask(h, { learnerDid: learner, address, at }));
  await changeTask(store, 't-1', (h) =>
    acceptTaskClaim(h, { employerId: 'acme', learnerDid: learner, at }),
  );
  return store;
}

describe('changeTask', () => {
  it('two payments at once: one is written, the other is decided again and refused', async () => {
    const store = await acceptedTask();
    const results = await Promise.allSettled([
      changeTask(store, 't-1', (h) =>
        recordTaskPayment(h, { employerId: 'acme', txid: txid(1), at }),
      ),
      changeTask(store, 't-1', (h) =>
        recordTaskPayment(h, { employerId: 'acme', txid: txid(2), at }),
      ),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'TASK_ALREADY_PAID' },
    });
    expect((await store.ledgerEntries()).filter((entry) => entry.kind === 'paid')).toHaveLength(1);
  });

  it('a change that lost a race is decided on the new history', async () => {
    const store = await acceptedTask();
    store.beforeAppend = async () => {
      await changeTask(store, 't-1', (h) =>
        recordTaskPayment(h, { employerId: 'acme', txid: txid(3), at }),
      );
    };
    await expect(
      changeTask(store, 't-1', (h) =>
        recordTaskPayment(h, { employerId: 'acme', txid: txid(4), at }),
      ),
    ).rejects.toMatchObject({ code: 'TASK_ALREADY_PAID' });
    expect(taskStateOf(await store.ledgerEntriesOfTask('t-1')).payment?.txid).toBe(txid(3));
  });

  it('gives up with CONFLICT when it loses every race', async () => {
    const store = await acceptedTask();
    const always = { ...store, appendLedgerEntry: async () => false };
    await expect(
      changeTask(
        always,
        't-1',
        (h) => recordTaskPayment(h, { employerId: 'acme', txid: txid(5), at }),
        {
          attempts: 3,
        },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('paying and crediting a task', () => {
  it('asks for the reward at the claim address, as a BIP-21 URI and as a PSBT', async () => {
    const history = await (await acceptedTask()).ledgerEntriesOfTask('t-1');
    const request = paymentRequestForTask(history, { employerId: 'acme', label: 'Task t-1' });
    expect(request).toEqual({
      taskId: 't-1',
      address,
      amountSats: 25_000,
      uri: `bitcoin:${address}?amount=0.00025&label=Task%20t-1`,
    });
    expect(() => paymentRequestForTask(history, { employerId: 'globex' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    const employer = testAddresses('employer').testnet;
    const { psbt } = paymentPsbtForTask(history, {
      employerId: 'acme',
      utxos: [
        {
          txid: txid(7),
          vout: 0,
          valueSats: 100_000,
          scriptPubKey: '0014' + '11'.repeat(20),
        },
      ],
      feeRate: 1,
      changeAddress: employer.p2wpkh,
    });
    expect(readPsbt(psbt, 'testnet').txOutputs[0]).toMatchObject({ address, value: 25_000n });
  });

  it('refuses to ask for payment before acceptance or after payment', async () => {
    const store = await acceptedTask();
    const accepted = await store.ledgerEntriesOfTask('t-1');
    expect(() => paymentRequestForTask(accepted.slice(0, 2), { employerId: 'acme' })).toThrow(
      expect.objectContaining({ code: 'TASK_NOT_ACCEPTED' }),
    );
    await changeTask(store, 't-1', (h) =>
      recordTaskPayment(h, { employerId: 'acme', txid: txid(8), at }),
    );
    const paid = await store.ledgerEntriesOfTask('t-1');
    expect(() => paymentRequestForTask(paid, { employerId: 'acme' })).toThrow(
      expect.objectContaining({ code: 'TASK_ALREADY_PAID' }),
    );
  });

  it('neither asks for payment of nor credits a cancelled task', async () => {
    const store = await acceptedTask();
    await changeTask(store, 't-1', (h) => cancelTask(h, { employerId: 'acme', reason: 'r', at }));
    const history = await store.ledgerEntriesOfTask('t-1');
    expect(() => paymentRequestForTask(history, { employerId: 'acme' })).toThrow(
      expect.objectContaining({ code: 'TASK_CANCELLED' }),
    );
    expect(() =>
      completionCredentialForTask(history, {
        id: 'urn:uuid:2',
        board: { id: 'did:web:b', name: 'B', url: 'https://b' },
        taskTitle: 'T',
        employerName: 'E',
      }),
    ).toThrow(expect.objectContaining({ code: 'TASK_CANCELLED' }));
  });

  it('credits the paid learner with the amount and txid from the ledger, and only once paid', async () => {
    const store = await acceptedTask();
    const board = { id: 'did:web:board.example', name: 'Board', url: 'https://board.example' };
    const input = { id: 'urn:uuid:1', board, taskTitle: 'Label sources', employerName: 'Acme' };
    expect(() => completionCredentialForTask(store.entries.slice(), input)).toThrow(
      expect.objectContaining({ code: 'TASK_NOT_PAID' }),
    );
    await changeTask(store, 't-1', (h) =>
      recordTaskPayment(h, { employerId: 'acme', txid: txid(9), at }),
    );
    const credential = completionCredentialForTask(await store.ledgerEntriesOfTask('t-1'), input);
    expect(credential.credentialSubject.id).toBe(learner);
    expect(credential.credentialSubject.result[0]!.value).toBe('25000');
    expect(credential.evidence[0]!.description).toContain(txid(9));
  });
});
