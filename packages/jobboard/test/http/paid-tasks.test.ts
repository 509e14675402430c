import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from '@skillproof/core';
import type { Application, Posting } from '@skillproof/jobboard';
import { makeIdentity, signPresentation, type TestIdentity } from '@skillproof/testing';
import { verifyCredential } from '@skillproof/verifier';
import { address as bitcoinAddress, networks, Psbt } from 'bitcoinjs-lib';
import request from 'supertest';
import { createEmployerViaApi } from '../fixtures/jobboard.js';
import {
  startOpenid4vpBoard,
  stopOpenid4vpBoards,
  type Openid4vpTestBoard,
} from '../fixtures/openid4vp-board.js';
import { signedBadge } from '../fixtures/signed-badge.js';
import { testAddresses } from '../fixtures/bitcoin/test-addresses.js';

// Paid tasks over HTTP on a board with its own DID key: post, claim (a qualified applicant
// proving their DID), accept (BIP-21 + QR), PSBT, payment, the completion credential; and every
// refusal a 4xx that leaves the ledger as it was.

const git = 'https://academy.test/achievements/git-basics';
const learnerAddress = testAddresses('learner').testnet.p2wpkh;
const employerCoins = testAddresses('employer');
const txid = 'ab'.repeat(32);
const scriptOf = (address: string) =>
  Buffer.from(bitcoinAddress.toOutputScript(address, networks.testnet)).toString('hex');

let board: Openid4vpTestBoard;
let academy: TestIdentity;
let employer: { id: string; token: string };

beforeAll(async () => {
  board = await startOpenid4vpBoard();
  academy = makeIdentity();
  employer = await createEmployerViaApi(board.url);
});
afterAll(stopOpenid4vpBoards);

const auth = (call: request.Test, token = employer.token) =>
  call.set('Authorization', `Bearer ${token}`);

/** A presentation by `holder` on a fresh board nonce of `postingId`, for this board. */
async function presentation(postingId: string, holder: TestIdentity, jwts: string[] = []) {
  const { body } = await request(board.url)
    .post(`/api/postings/${postingId}/presentation-request`)
    .expect(201);
  return signPresentation(holder, jwts, {
    nonce: (body as { nonce: string }).nonce,
    aud: board.url,
    nbf: Math.floor(Date.now() / 1000) - 5,
  });
}

async function postTask(task: object = { rewardSats: 25_000, network: 'testnet' }) {
  const response = await auth(request(board.url).post('/api/postings')).send({
    title: 'Fix the date parser',
    requirements: [{ achievementId: git, acceptedIssuers: [academy.did] }],
    task,
  });
  return response;
}

async function apply(postingId: string, holder: TestIdentity, qualified = true) {
  // An unqualified applicant presents a badge the posting does not ask for.
  const badges = [signedBadge(academy, holder, qualified ? git : `${git}-other`)];
  const response = await request(board.url)
    .post(`/api/postings/${postingId}/applications`)
    .send({ presentation: await presentation(postingId, holder, badges) })
    .expect(201);
  return response.body as Application;
}

async function claim(
  postingId: string,
  holder: TestIdentity,
  applicationId: string,
  address = learnerAddress,
) {
  return request(board.url)
    .post(`/api/postings/${postingId}/claims`)
    .send({ applicationId, address, presentation: await presentation(postingId, holder) });
}

const ledgerOf = (postingId: string) => board.store.ledgerEntriesOfTask(postingId);

describe('a paid task over HTTP', () => {
  it('goes from posting to a verified completion credential held by the learner', async () => {
    const posted = await postTask();
    expect(posted.status).toBe(201);
    const posting = posted.body as Posting & { task: object };
    expect(posting.task).toEqual({
      rewardSats: 25_000,
      network: 'testnet',
      status: 'open',
      claims: 0,
    });
    const shown = await request(board.url).get(`/api/postings/${posting.id}`).expect(200);
    expect(shown.body.task).toMatchObject({ rewardSats: 25_000, status: 'open' });

    const learner = makeIdentity();
    const application = await apply(posting.id, learner);
    expect(application.qualified).toBe(true);
    const claimed = await claim(posting.id, learner, application.id);
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({
      id: '1',
      learnerDid: learner.did,
      address: learnerAddress,
      status: 'claimed',
    });

    const claims = await auth(request(board.url).get(`/api/postings/${posting.id}/claims`)).expect(
      200,
    );
    expect(claims.body.claims).toHaveLength(1);
    expect(claims.body.task.status).toBe('claimed');

    const accepted = await auth(
      request(board.url).post(`/api/postings/${posting.id}/claims/1/accept`),
    ).expect(200);
    expect(accepted.body.payment.uri).toMatch(
      new RegExp(`^bitcoin:${learnerAddress}\\?amount=0\\.00025&label=`),
    );
    expect(accepted.body.payment.amountSats).toBe(25_000);
    expect(accepted.body.payment.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    expect(accepted.body.claim.status).toBe('accepted');

    // Not paid yet: no credential.
    const early = await request(board.url)
      .post(`/api/postings/${posting.id}/claims/1/credential`)
      .send({ presentation: await presentation(posting.id, learner) })
      .expect(409);
    expect(early.body.error.code).toBe('TASK_NOT_PAID');

    const psbt = await auth(request(board.url).post(`/api/postings/${posting.id}/psbt`))
      .send({
        utxos: [
          {
            txid: 'cd'.repeat(32),
            vout: 0,
            valueSats: 100_000,
            scriptPubKey: scriptOf(employerCoins.testnet.p2wpkh),
          },
        ],
        feeRate: 2,
        changeAddress: employerCoins.testnet.p2wpkh,
      })
      .expect(200);
    expect(psbt.body).toMatchObject({ amountSats: 25_000, inputSats: 100_000 });
    const decoded = Psbt.fromBase64(psbt.body.psbt as string);
    expect(
      decoded.txOutputs.map((output) => [
        Buffer.from(output.script).toString('hex'),
        Number(output.value),
      ]),
    ).toContainEqual([scriptOf(learnerAddress), 25_000]);

    const paid = await auth(request(board.url).post(`/api/postings/${posting.id}/payment`))
      .send({ txid })
      .expect(200);
    expect(paid.body.task.status).toBe('paid');

    const csv = await auth(
      request(board.url).get(`/api/postings/${posting.id}/ledger?format=csv`),
    ).expect(200);
    expect(csv.type).toBe('text/csv');
    expect(csv.text.split('\n').filter((line) => line.length > 0).length).toBeGreaterThan(4);
    const ledger = await auth(request(board.url).get(`/api/postings/${posting.id}/ledger`)).expect(
      200,
    );
    expect(ledger.body.entries.map((entry: { kind: string }) => entry.kind)).toEqual([
      'posted',
      'claimed',
      'accepted',
      'paid',
    ]);

    // Someone else can't collect it, even with a valid proof of their own DID.
    const stranger = makeIdentity();
    const stolen = await request(board.url)
      .post(`/api/postings/${posting.id}/claims/1/credential`)
      .send({ presentation: await presentation(posting.id, stranger) })
      .expect(403);
    expect(stolen.body.error.code).toBe('FORBIDDEN');

    const collected = await request(board.url)
      .post(`/api/postings/${posting.id}/claims/1/credential`)
      .send({ presentation: await presentation(posting.id, learner) })
      .expect(200);
    expect(collected.body.format).toBe('jwt_vc_json');
    const { payload } = decodeJwt(collected.body.credential as string);
    expect(payload).toMatchObject({ iss: board.identity.did, sub: learner.did });
    const verified = await verifyCredential(collected.body.credential as string, {
      trustedIssuers: [{ did: board.identity.did }],
    });
    expect(verified.errors).toEqual([]);
    expect(verified.verified).toBe(true);
    expect(JSON.stringify(payload)).toContain(txid);
  });
});

describe('refusals leave the ledger as it was', () => {
  let posting: Posting;
  let learner: TestIdentity;
  let application: Application;

  beforeAll(async () => {
    posting = (await postTask({ rewardSats: 5_000, network: 'testnet' })).body as Posting;
    learner = makeIdentity();
    application = await apply(posting.id, learner);
  });

  it('refuses an amount out of range and an unknown or mainnet network, posting nothing', async () => {
    const before = (await request(board.url).get('/api/postings').expect(200)).body.postings.length;
    for (const [task, code] of [
      [{ rewardSats: 0, network: 'testnet' }, 'AMOUNT_INVALID'],
      [{ rewardSats: 2_100_000_000_000_001, network: 'testnet' }, 'AMOUNT_INVALID'],
      [{ rewardSats: 1.5, network: 'testnet' }, 'AMOUNT_INVALID'],
      [{ rewardSats: '5000', network: 'testnet' }, 'AMOUNT_INVALID'],
      [{ rewardSats: 5000, network: 'moonnet' }, 'VALIDATION_FAILED'],
      [{ rewardSats: 5000, network: 'mainnet' }, 'VALIDATION_FAILED'],
    ] as const) {
      const response = await postTask(task);
      expect([response.status, response.body.error?.code]).toEqual([400, code]);
    }
    expect((await request(board.url).get('/api/postings').expect(200)).body.postings.length).toBe(
      before,
    );
  });

  it('refuses a claim by an unqualified applicant, by someone else, with a mainnet address, and twice', async () => {
    const unqualified = makeIdentity();
    const weak = await apply(posting.id, unqualified, false);
    expect(weak.qualified).toBe(false);
    const before = await ledgerOf(posting.id);

    const refused = await claim(posting.id, unqualified, weak.id);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    // Another person presenting the learner's application id.
    const impostor = await claim(posting.id, unqualified, application.id);
    expect([impostor.status, impostor.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const mainnet = await claim(
      posting.id,
      learner,
      application.id,
      testAddresses('x').mainnet.p2wpkh,
    );
    expect([mainnet.status, mainnet.body.error.code]).toEqual([400, 'ADDRESS_INVALID']);
    expect(mainnet.body.error.message).toContain('mainnet');
    const garbage = await claim(posting.id, learner, application.id, 'tb1qnotanaddress');
    expect([garbage.status, garbage.body.error.code]).toEqual([400, 'ADDRESS_INVALID']);
    // A proof whose nonce was issued for another posting, or was used already.
    const other = (await postTask()).body as Posting;
    const wrongNonce = await request(board.url)
      .post(`/api/postings/${posting.id}/claims`)
      .send({
        applicationId: application.id,
        address: learnerAddress,
        presentation: await presentation(other.id, learner),
      });
    expect([wrongNonce.status, wrongNonce.body.error.code]).toEqual([400, 'PRESENTATION_REJECTED']);
    expect(await ledgerOf(posting.id)).toEqual(before);

    const proof = await presentation(posting.id, learner);
    const first = await request(board.url)
      .post(`/api/postings/${posting.id}/claims`)
      .send({ applicationId: application.id, address: learnerAddress, presentation: proof });
    expect(first.status).toBe(201);
    const replayed = await request(board.url)
      .post(`/api/postings/${posting.id}/claims`)
      .send({ applicationId: application.id, address: learnerAddress, presentation: proof });
    expect([replayed.status, replayed.body.error.code]).toEqual([400, 'PRESENTATION_REJECTED']);
    const twice = await claim(posting.id, learner, application.id);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CLAIM_DUPLICATE']);
    expect(await ledgerOf(posting.id)).toHaveLength(before.length + 1);
  });

  it('refuses accepting twice, another employer, paying a cancelled task; a posting that is no task has no claims', async () => {
    const accept = () =>
      auth(request(board.url).post(`/api/postings/${posting.id}/claims/1/accept`));
    const otherEmployer = await createEmployerViaApi(board.url, 'Other Ltd');
    const foreign = await auth(
      request(board.url).post(`/api/postings/${posting.id}/claims/1/accept`),
      otherEmployer.token,
    );
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const unknownClaim = await auth(
      request(board.url).post(`/api/postings/${posting.id}/claims/9/accept`),
    );
    expect([unknownClaim.status, unknownClaim.body.error.code]).toEqual([404, 'CLAIM_NOT_FOUND']);
    await accept().expect(200);
    const afterAccept = await ledgerOf(posting.id);
    const again = await accept();
    expect([again.status, again.body.error.code]).toEqual([409, 'TASK_ALREADY_ACCEPTED']);
    const badTxid = await auth(request(board.url).post(`/api/postings/${posting.id}/payment`)).send(
      { txid: 'xyz' },
    );
    expect([badTxid.status, badTxid.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await ledgerOf(posting.id)).toEqual(afterAccept);

    await auth(request(board.url).post(`/api/postings/${posting.id}/cancel`))
      .send({ reason: 'scope changed' })
      .expect(200);
    const afterCancel = await ledgerOf(posting.id);
    const pay = await auth(request(board.url).post(`/api/postings/${posting.id}/payment`)).send({
      txid,
    });
    expect([pay.status, pay.body.error.code]).toEqual([409, 'TASK_CANCELLED']);
    const psbt = await auth(request(board.url).post(`/api/postings/${posting.id}/psbt`)).send({
      utxos: [{ txid, vout: 0, valueSats: 50_000, scriptPubKey: '0014' + '11'.repeat(20) }],
      feeRate: 1,
      changeAddress: employerCoins.testnet.p2wpkh,
    });
    expect([psbt.status, psbt.body.error.code]).toEqual([409, 'TASK_CANCELLED']);
    expect(await ledgerOf(posting.id)).toEqual(afterCancel);

    const plain = await auth(request(board.url).post('/api/postings')).send({
      title: 'Not a task',
      requirements: [{ achievementId: git, acceptedIssuers: [academy.did] }],
    });
    expect(plain.body.task).toBeUndefined();
    const none = await auth(request(board.url).get(`/api/postings/${plain.body.id}/claims`));
    expect([none.status, none.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const anonymous = await request(board.url).get(`/api/postings/${posting.id}/ledger`);
    expect(anonymous.status).toBe(401);
  });
});

describe('a board configured for mainnet (JOBBOARD_BITCOIN_NETWORK=mainnet)', () => {
  let mainnetBoard: Openid4vpTestBoard;
  let boss: { id: string; token: string };
  beforeAll(async () => {
    mainnetBoard = await startOpenid4vpBoard({ bitcoinNetwork: 'mainnet' });
    boss = await createEmployerViaApi(mainnetBoard.url);
  });

  const post = (task: object) =>
    request(mainnetBoard.url)
      .post('/api/postings')
      .set('Authorization', `Bearer ${boss.token}`)
      .send({
        title: 'Fix the date parser',
        requirements: [{ achievementId: git, acceptedIssuers: [academy.did] }],
        task,
      });

  it('settles a task that names no network on mainnet, and refuses test networks', async () => {
    const posted = await post({ rewardSats: 5_000 }).expect(201);
    expect(posted.body.task).toMatchObject({ network: 'mainnet', status: 'open' });
    const testnet = await post({ rewardSats: 5_000, network: 'testnet' }).expect(400);
    expect(testnet.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'task.network: this board settles tasks on mainnet, not testnet',
    });
  });

  it('refuses a testnet address for a mainnet task, with nothing written', async () => {
    const posted = await post({ rewardSats: 5_000 }).expect(201);
    const learner = makeIdentity();
    const badges = [signedBadge(academy, learner, git)];
    const nonce = async () =>
      (
        await request(mainnetBoard.url)
          .post(`/api/postings/${posted.body.id}/presentation-request`)
          .expect(201)
      ).body.nonce as string;
    const vp = async (jwts: string[]) =>
      signPresentation(learner, jwts, {
        nonce: await nonce(),
        aud: mainnetBoard.url,
        nbf: Math.floor(Date.now() / 1000) - 5,
      });
    const application = await request(mainnetBoard.url)
      .post(`/api/postings/${posted.body.id}/applications`)
      .send({ presentation: await vp(badges) })
      .expect(201);
    const refused = await request(mainnetBoard.url)
      .post(`/api/postings/${posted.body.id}/claims`)
      .send({
        applicationId: application.body.id,
        address: learnerAddress,
        presentation: await vp([]),
      })
      .expect(400);
    expect(refused.body.error.code).toBe('ADDRESS_INVALID');
    expect(await mainnetBoard.store.ledgerEntriesOfTask(posted.body.id)).toHaveLength(1);
    const accepted = await request(mainnetBoard.url)
      .post(`/api/postings/${posted.body.id}/claims`)
      .send({
        applicationId: application.body.id,
        address: testAddresses('learner').mainnet.p2wpkh,
        presentation: await vp([]),
      })
      .expect(201);
    expect(accepted.body.status).toBe('claimed');
  });
});
