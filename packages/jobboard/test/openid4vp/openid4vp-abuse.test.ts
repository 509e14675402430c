import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from '@skillproof/core';
import { makeIdentity, signPresentation, type TestIdentity } from '@skillproof/testing';
import type { Openid4vpRequestLink, Posting } from '@skillproof/jobboard';
import request from 'supertest';
import {
  createEmployerViaApi,
  createPostingViaApi,
  startTestJobboard,
  stopTestJobboards,
} from '../fixtures/jobboard.js';
import {
  startOpenid4vpBoard,
  stopOpenid4vpBoards,
  type Openid4vpTestBoard,
} from '../fixtures/openid4vp-board.js';
import { signedBadge } from '../fixtures/signed-badge.js';

const python = 'https://academy.test/achievements/python-1';
const rust = 'https://academy.test/achievements/rust-1';

let board: Openid4vpTestBoard;
let academy: TestIdentity;
let learner: TestIdentity;
let mallory: TestIdentity;
let posting: Posting;

beforeAll(async () => {
  [academy, learner, mallory] = [makeIdentity(), makeIdentity(), makeIdentity()];
  board = await startOpenid4vpBoard({ ttlSeconds: 120 });
  const employer = await createEmployerViaApi(board.url);
  posting = await createPostingViaApi(board.url, employer.token, [
    { achievementId: python, acceptedIssuers: [academy.did] },
  ]);
  // Another posting's badge: it satisfies that posting, not this one.
  await createPostingViaApi(board.url, employer.token, [
    { achievementId: rust, acceptedIssuers: [academy.did] },
  ]);
});

afterAll(async () => {
  await Promise.all([stopOpenid4vpBoards(), stopTestJobboards()]);
});

/** A request as a wallet sees it: the link's ids and the signed request object's parameters. */
interface OpenRequest extends Openid4vpRequestLink {
  nonce: string;
  state: string;
  clientId: string;
}

async function newRequest(on: Openid4vpTestBoard = board): Promise<OpenRequest> {
  const created = (
    await request(on.url).post(`/api/postings/${posting.id}/openid4vp-requests`).expect(201)
  ).body as Openid4vpRequestLink;
  const object = await request(on.url).get(`/oid4vp/requests/${created.requestId}`).expect(200);
  const payload = decodeJwt(object.text).payload;
  return {
    ...created,
    nonce: String(payload['nonce']),
    state: String(payload['state']),
    clientId: String(payload['client_id']),
  };
}

function vpFor(
  open: Pick<OpenRequest, 'nonce' | 'clientId'>,
  holder: TestIdentity,
  badges: string[],
): string {
  return signPresentation(holder, badges, {
    nonce: open.nonce,
    aud: open.clientId,
    nbf: Math.floor(Date.now() / 1000) - 5,
  });
}

function answer(requestId: string, fields: { vp: string; state: string }, on = board) {
  return request(on.url)
    .post(`/oid4vp/responses/${requestId}`)
    .type('form')
    .send({ vp_token: JSON.stringify({ 'r1-jwt': [fields.vp] }), state: fields.state });
}

async function applicationCount(): Promise<number> {
  const employerApplications = await board.store.listApplications(posting.id);
  return employerApplications.length + employerApplications.flatMap((a) => a.history).length;
}

describe('OpenID4VP responses the board refuses', () => {
  it('answers a replayed vp_token with an OAuth error, and keeps the one application', async () => {
    const open = await newRequest();
    const fields = {
      vp: vpFor(open, learner, [signedBadge(academy, learner, python)]),
      state: open.state,
    };
    await answer(open.requestId, fields).expect(200);
    const before = await applicationCount();
    const replay = await answer(open.requestId, fields).expect(410);
    expect(replay.body).toEqual({
      error: 'invalid_request_uri',
      error_description: 'this request was already answered',
    });
    expect(await applicationCount()).toBe(before);
  });

  it("refuses a response carrying another request's state", async () => {
    const [open, other] = [await newRequest(), await newRequest()];
    const vp = vpFor(open, learner, [signedBadge(academy, learner, python)]);
    const response = await answer(open.requestId, { vp, state: other.state }).expect(400);
    expect(response.body).toMatchObject({ error: 'invalid_request' });
    expect((await board.store.findOpenid4vpRequest(open.requestId))?.consumedAt).toBeUndefined();
  });

  it("refuses a presentation bound to another request's nonce", async () => {
    const [open, other] = [await newRequest(), await newRequest()];
    const vp = vpFor({ nonce: other.nonce, clientId: open.clientId }, learner, [
      signedBadge(academy, learner, python),
    ]);
    const response = await answer(open.requestId, { vp, state: open.state }).expect(400);
    expect(response.body.error_description).toMatch(/nonce/i);
  });

  it('refuses a presentation made for another audience than the board client id', async () => {
    const open = await newRequest();
    const vp = vpFor({ nonce: open.nonce, clientId: board.url }, learner, [
      signedBadge(academy, learner, python),
    ]);
    const response = await answer(open.requestId, { vp, state: open.state }).expect(400);
    expect(response.body.error_description).toMatch(/not addressed to decentralized_identifier:/);
  });

  it("does not qualify anyone on another holder's credentials", async () => {
    const open = await newRequest();
    const vp = vpFor(open, mallory, [signedBadge(academy, learner, python)]);
    const response = await answer(open.requestId, { vp, state: open.state }).expect(200);
    // The presentation is Mallory's own and verifies; the badge is not hers, so it counts for
    // nothing: recorded, not qualified, the badge as invalid.
    expect(response.body.application).toMatchObject({
      qualified: false,
      requirements: [{ met: false }],
    });
  });

  it("records a presentation that satisfies another posting as not qualified, this posting's badge missing", async () => {
    const open = await newRequest();
    const vp = vpFor(open, learner, [signedBadge(academy, learner, rust)]);
    const response = await answer(open.requestId, { vp, state: open.state }).expect(200);
    expect(response.body.application).toMatchObject({
      qualified: false,
      requirements: [{ met: false, code: 'missing' }],
    });
  });

  it('answers 413 to an oversized response and leaves the request open', async () => {
    const open = await newRequest();
    const response = await request(board.url)
      .post(`/oid4vp/responses/${open.requestId}`)
      .type('form')
      .send({ vp_token: 'x'.repeat(300 * 1024), state: open.state })
      .expect(413);
    expect(response.body).toMatchObject({ error: 'invalid_request' });
    expect((await board.store.findOpenid4vpRequest(open.requestId))?.consumedAt).toBeUndefined();
  });

  it('refuses a vp_token of too many presentations before verifying any', async () => {
    const open = await newRequest();
    const vps = Array.from({ length: 17 }, () =>
      vpFor(open, learner, [signedBadge(academy, learner, python)]),
    );
    const response = await request(board.url)
      .post(`/oid4vp/responses/${open.requestId}`)
      .type('form')
      .send({ vp_token: JSON.stringify({ 'r1-jwt': vps }), state: open.state })
      .expect(400);
    expect(response.body.error_description).toMatch(/at most 16 presentations/);
  });

  it('reads as many presentations as the posting can need, beyond 16, and qualifies', async () => {
    const employer = await createEmployerViaApi(board.url);
    const badges = Array.from({ length: 18 }, (_, i) => `https://academy.test/achievements/b-${i}`);
    const many = await createPostingViaApi(
      board.url,
      employer.token,
      badges.map((achievementId) => ({ achievementId, acceptedIssuers: [academy.did] })),
    );
    const created = (
      await request(board.url).post(`/api/postings/${many.id}/openid4vp-requests`).expect(201)
    ).body as Openid4vpRequestLink;
    const object = await request(board.url)
      .get(`/oid4vp/requests/${created.requestId}`)
      .expect(200);
    const payload = decodeJwt(object.text).payload;
    const open = { nonce: String(payload['nonce']), clientId: String(payload['client_id']) };
    // One presentation per credential query, as a wallet answers: 18 of them.
    const vpToken = Object.fromEntries(
      many.requirements.map((clause, index) => [
        `${clause.id}-jwt`,
        [vpFor(open, learner, [signedBadge(academy, learner, badges[index] as string)])],
      ]),
    );
    const response = await request(board.url)
      .post(`/oid4vp/responses/${created.requestId}`)
      .type('form')
      .send({ vp_token: JSON.stringify(vpToken), state: String(payload['state']) })
      .expect(200);
    expect(response.body.application.qualified).toBe(true);
    expect(response.body.application.requirements).toHaveLength(18);
  });

  it('refuses a vp_token of no presentation as such and leaves the request open', async () => {
    const open = await newRequest();
    const response = await request(board.url)
      .post(`/oid4vp/responses/${open.requestId}`)
      .type('form')
      .send({ vp_token: '{}', state: open.state })
      .expect(400);
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'the vp_token holds no presentation',
    });
    expect((await board.store.findOpenid4vpRequest(open.requestId))?.consumedAt).toBeUndefined();
  });

  it.each([
    ['a body that is not a form', 'application/json', '{"vp_token":"x"}', 415],
    ['a form without vp_token', 'application/x-www-form-urlencoded', 'state=x', 400],
    [
      'a vp_token that is not JSON',
      'application/x-www-form-urlencoded',
      'vp_token=%7B&state=x',
      400,
    ],
  ])('answers %s with an OAuth error, never a 5xx', async (_name, type, body, status) => {
    const open = await newRequest();
    const response = await request(board.url)
      .post(`/oid4vp/responses/${open.requestId}`)
      .set('Content-Type', type)
      .send(body.replace('state=x', `state=${encodeURIComponent(open.state)}`))
      .expect(status);
    expect(response.body).toEqual({
      error: expect.any(String),
      error_description: expect.any(String),
    });
  });

  it('answers a request path that does not decode with 400', async () => {
    const response = await request(board.url).get('/oid4vp/requests/%E0%A4%A').expect(400);
    expect(response.body).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a response to an unknown request with 404', async () => {
    const response = await answer('no-such-request', { vp: 'x', state: 'y' }).expect(404);
    expect(response.body).toMatchObject({ error: 'invalid_request_uri' });
  });

  it('decides a 50-way race of one response exactly once', async () => {
    const open = await newRequest();
    const fields = {
      vp: vpFor(open, learner, [signedBadge(academy, learner, python)]),
      state: open.state,
    };
    const before = await applicationCount();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async () => (await answer(open.requestId, fields)).status),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status !== 200).every((s) => s === 400 || s === 410)).toBe(
      true,
    );
    expect(await applicationCount()).toBe(before + 1);
    expect(await board.store.findOpenid4vpRequest(open.requestId)).toMatchObject({
      qualified: true,
    });
  });
});

describe('making OpenID4VP requests', () => {
  it('is rate limited per client address with the presentation requests', async () => {
    const limited = await startOpenid4vpBoard({ presentationRequestsPerMinute: 2 });
    const employer = await createEmployerViaApi(limited.url);
    const job = await createPostingViaApi(limited.url, employer.token, [
      { achievementId: python, acceptedIssuers: [academy.did] },
    ]);
    const path = `/api/postings/${job.id}/openid4vp-requests`;
    await request(limited.url).post(path).expect(201);
    await request(limited.url).post(`/api/postings/${job.id}/presentation-request`).expect(201);
    const refused = await request(limited.url).post(path).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('is not offered by a board without an identity: 404, no /oid4vp routes, no wallet button', async () => {
    const plain = await startTestJobboard();
    const employer = await createEmployerViaApi(plain.url);
    const job = await createPostingViaApi(plain.url, employer.token, [
      { achievementId: python, acceptedIssuers: [academy.did] },
    ]);
    const refused = await request(plain.url)
      .post(`/api/postings/${job.id}/openid4vp-requests`)
      .expect(404);
    expect(refused.body.error.message).toBe('this board does not offer OpenID4VP');
    await request(plain.url).get('/oid4vp/requests/anything').expect(404);
    const page = await request(plain.url).get(`/postings/${job.id}`).expect(200);
    expect(page.text).not.toContain('Apply with a wallet');
  });

  it('answers 404 for an unknown posting', async () => {
    const response = await request(board.url)
      .post('/api/postings/00000000-0000-4000-8000-000000000000/openid4vp-requests')
      .expect(404);
    expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe("an OpenID4VP request's status page", () => {
  it('shows the decision only with its token: the request id in the QR code opens nothing', async () => {
    const open = await newRequest();
    await answer(open.requestId, {
      vp: vpFor(open, learner, [signedBadge(academy, learner, python)]),
      state: open.state,
    }).expect(200);
    const statusPath = new URL(open.statusUrl).pathname;
    const token = statusPath.split('/').at(-1) ?? '';
    expect(statusPath).toBe(`/postings/${posting.id}/wallet/${open.requestId}/${token}`);
    expect(open.link).not.toContain(token);

    const shown = await request(board.url).get(statusPath).expect(200);
    expect(shown.text).toContain('Qualified');
    const base = `/postings/${posting.id}/wallet/${open.requestId}`;
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [base, `${base}/${forged}`, `${base}/${token.slice(0, 20)}`]) {
      const refused = await request(board.url).get(path).expect(404);
      expect(refused.text).not.toContain('Qualified');
    }
    // Another request's token does not open this one.
    const other = await newRequest();
    const otherToken = new URL(other.statusUrl).pathname.split('/').at(-1) ?? '';
    await request(board.url).get(`${base}/${otherToken}`).expect(404);
  });
});

describe('an OpenID4VP request nobody answers', () => {
  let quiet: Openid4vpTestBoard;
  beforeAll(async () => {
    quiet = await startOpenid4vpBoard({ ttlSeconds: 60 });
    const employer = await createEmployerViaApi(quiet.url);
    posting = await createPostingViaApi(quiet.url, employer.token, [
      { achievementId: python, acceptedIssuers: [academy.did] },
    ]);
  });

  it('expires: its request object is gone (410), a late answer is refused, no application is made', async () => {
    const open = await newRequest(quiet);
    const vp = vpFor(open, learner, [signedBadge(academy, learner, python)]);
    quiet.advance(61);
    const object = await request(quiet.url).get(`/oid4vp/requests/${open.requestId}`).expect(410);
    expect(object.body).toEqual({
      error: 'invalid_request_uri',
      error_description: 'this request has expired',
    });
    await answer(open.requestId, { vp, state: open.state }, quiet).expect(410);
    expect(await quiet.store.listApplications(posting.id)).toEqual([]);
    const page = await request(quiet.url).get(new URL(open.statusUrl).pathname).expect(200);
    expect(page.text).toContain('This request expired');
    expect(page.text).not.toContain('openid4vp://');
    expect(page.text).not.toContain('http-equiv="refresh"');
    const stored = await quiet.store.findOpenid4vpRequest(open.requestId);
    expect(stored?.consumedAt).toBeUndefined();
    expect(stored?.applicationId).toBeUndefined();
  });
});
