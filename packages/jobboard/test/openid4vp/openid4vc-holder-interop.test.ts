import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from '@skillproof/core';
import { makeIdentity, signPresentation, type TestIdentity } from '@skillproof/testing';
import type { Openid4vpRequestLink, Posting } from '@skillproof/jobboard';
import { CompactEncrypt, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import request from 'supertest';
import { answerWithOpenid4vcHolder } from '../fixtures/openid4vc-holder.js';
import {
  startOpenid4vpBoard,
  stopOpenid4vpBoards,
  twoBadgeAchievements,
  type Openid4vpTestBoard,
} from '../fixtures/openid4vp-board.js';
import { createEmployerViaApi, createPostingViaApi } from '../fixtures/jobboard.js';
import { signedBadge } from '../fixtures/signed-badge.js';

const { python, sql } = twoBadgeAchievements;

let board: Openid4vpTestBoard;
let plainBoard: Openid4vpTestBoard;
let academy: TestIdentity;
let learner: TestIdentity;
let posting: Posting;
let plainPosting: Posting;

async function boardWithPosting(responseMode: 'direct_post' | 'direct_post.jwt') {
  const started = await startOpenid4vpBoard({ responseMode });
  const employer = await createEmployerViaApi(started.url);
  const created = await createPostingViaApi(started.url, employer.token, [
    { achievementId: python, acceptedIssuers: [academy.did] },
    { achievementId: sql, acceptedIssuers: [academy.did] },
  ]);
  return { started, created };
}

beforeAll(async () => {
  [academy, learner] = [makeIdentity(), makeIdentity()];
  ({ started: board, created: posting } = await boardWithPosting('direct_post.jwt'));
  ({ started: plainBoard, created: plainPosting } = await boardWithPosting('direct_post'));
});

afterAll(stopOpenid4vpBoards);

async function newRequest(on = board, postingId = posting.id): Promise<Openid4vpRequestLink> {
  return (await request(on.url).post(`/api/postings/${postingId}/openid4vp-requests`).expect(201))
    .body as Openid4vpRequestLink;
}

async function requestObject(created: Openid4vpRequestLink, on = board) {
  const object = await request(on.url).get(new URL(created.requestUri).pathname).expect(200);
  return decodeJwt(object.text).payload;
}

function bothBadges() {
  return [signedBadge(academy, learner, python), signedBadge(academy, learner, sql)];
}

/** A direct_post.jwt answer made by hand: `vp_token` and `state` encrypted to `jwk`. */
async function encryptedAnswer(jwk: JWK, claims: Record<string, unknown>, enc = 'A128GCM') {
  const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc, ...(jwk.kid ? { kid: jwk.kid } : {}) })
    .encrypt(await importJWK(jwk, 'ECDH-ES'));
  return jwe;
}

describe('OpenID4VP direct_post.jwt (encrypted answers, OpenID4VP 1.0 §8.3)', () => {
  it("asks for direct_post.jwt with the request's own P-256 key and the encodings it reads", async () => {
    const [first, second] = [await newRequest(), await newRequest()];
    const [one, two] = [await requestObject(first), await requestObject(second)];
    expect(one['response_mode']).toBe('direct_post.jwt');
    const metadata = one['client_metadata'] as {
      jwks: { keys: JWK[] };
      encrypted_response_enc_values_supported: string[];
    };
    expect(metadata.encrypted_response_enc_values_supported).toEqual(['A128GCM', 'A256GCM']);
    expect(metadata.jwks.keys).toHaveLength(1);
    expect(metadata.jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      use: 'enc',
      alg: 'ECDH-ES',
    });
    expect(JSON.stringify(metadata.jwks.keys[0])).not.toContain('"d"');
    // One key per request: an answer to one can't be opened as another's.
    const other = (two['client_metadata'] as { jwks: { keys: JWK[] } }).jwks.keys[0];
    expect(other?.x).not.toBe(metadata.jwks.keys[0]?.x);
    // The same request always names the same key (every instance derives it).
    const again = await requestObject(first);
    expect(again['client_metadata']).toEqual(one['client_metadata']);
  });

  it("decides an answer that @openid4vc/openid4vp's holder encrypted, with a reason per requirement", async () => {
    const created = await newRequest();
    const { responseJwt, status, body } = await answerWithOpenid4vcHolder(
      created.link,
      learner,
      bothBadges(),
    );
    expect(responseJwt?.split('.')).toHaveLength(5);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      redirect_uri: created.statusUrl,
      application: { qualified: true },
    });
    const requirements = (
      body['application'] as { requirements: Array<{ met: boolean; reason: string }> }
    ).requirements;
    expect(requirements).toHaveLength(2);
    expect(requirements.every((requirement) => requirement.met && requirement.reason !== '')).toBe(
      true,
    );
    expect(await board.store.listApplications(posting.id)).toHaveLength(1);
  });

  it('refuses a plain answer to a request that asked for encryption, and records nothing', async () => {
    const created = await newRequest();
    const before = (await board.store.listApplications(posting.id)).length;
    const { status, body } = await answerWithOpenid4vcHolder(
      created.link,
      makeIdentity(),
      bothBadges(),
      'in-the-clear',
    );
    expect(status).toBe(400);
    expect(body['error']).toBe('invalid_request');
    expect((await board.store.listApplications(posting.id)).length).toBe(before);
    expect((await board.store.findOpenid4vpRequest(created.requestId))?.consumedAt).toBeUndefined();
  });

  it("refuses an answer encrypted to another request's key, or with a wrong state inside", async () => {
    const [created, other] = [await newRequest(), await newRequest()];
    const payload = await requestObject(created);
    const otherKey = ((await requestObject(other))['client_metadata'] as { jwks: { keys: JWK[] } })
      .jwks.keys[0] as JWK;
    const ownKey = (payload['client_metadata'] as { jwks: { keys: JWK[] } }).jwks.keys[0] as JWK;
    const vp = signPresentation(learner, bothBadges(), {
      nonce: String(payload['nonce']),
      aud: String(payload['client_id']),
      nbf: Math.floor(Date.now() / 1000) - 5,
    });
    const vpToken = {
      [String(
        (payload['dcql_query'] as { credentials: Array<{ id: string }> }).credentials[0]?.id,
      )]: [vp],
    };
    for (const response of [
      await encryptedAnswer(otherKey, { vp_token: vpToken, state: payload['state'] }),
      await encryptedAnswer(ownKey, { vp_token: vpToken, state: 'not-the-state' }),
      await encryptedAnswer(ownKey, { vp_token: vpToken, state: payload['state'] }, 'A192GCM'),
      'not.a.jwe.at.all',
    ]) {
      const refused = await request(board.url)
        .post(`/oid4vp/responses/${created.requestId}`)
        .type('form')
        .send({ response })
        .expect(400);
      expect(refused.body.error).toBe('invalid_request');
    }
    expect((await board.store.findOpenid4vpRequest(created.requestId))?.consumedAt).toBeUndefined();
  });

  it('a board that asks for direct_post refuses an encrypted answer and decides a plain one', async () => {
    const created = await newRequest(plainBoard, plainPosting.id);
    const payload = await requestObject(created, plainBoard);
    expect(payload['response_mode']).toBe('direct_post');
    expect((payload['client_metadata'] as Record<string, unknown>)['jwks']).toBeUndefined();
    const anyKey = (await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true }))
      .publicKey;
    const encrypted = await encryptedAnswer(await exportJWK(anyKey), {
      vp_token: { x: ['a.b.c'] },
      state: payload['state'],
    });
    await request(plainBoard.url)
      .post(`/oid4vp/responses/${created.requestId}`)
      .type('form')
      .send({ response: encrypted })
      .expect(400);
    const { status, body } = await answerWithOpenid4vcHolder(created.link, learner, bothBadges());
    expect(status).toBe(200);
    expect(body).toMatchObject({ application: { qualified: true } });
  });
});

describe('a did:web board (JOBBOARD_DID_METHOD=web)', () => {
  it('serves its DID document and signs requests a holder verifies by resolving its did:web', async () => {
    const webBoard = await startOpenid4vpBoard({ didWeb: true });
    const port = new URL(webBoard.url).port;
    expect(webBoard.identity.did).toBe(`did:web:localhost%3A${port}`);
    const document = await request(webBoard.url).get('/.well-known/did.json').expect(200);
    expect(document.headers['content-type']).toMatch(/^application\/did\+json/);
    expect(document.body).toMatchObject({
      id: webBoard.identity.did,
      authentication: [webBoard.identity.kid],
    });
    const employer = await createEmployerViaApi(webBoard.url);
    const webPosting = await createPostingViaApi(webBoard.url, employer.token, [
      { achievementId: python, acceptedIssuers: [academy.did] },
    ]);
    const created = await newRequest(webBoard, webPosting.id);
    expect(new URL(created.link).searchParams.get('client_id')).toBe(
      `decentralized_identifier:${webBoard.identity.did}`,
    );
    const { status, body } = await answerWithOpenid4vcHolder(created.link, learner, [
      signedBadge(academy, learner, python),
    ]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ application: { qualified: true } });
  });

  it('a did:key board serves no DID document', async () => {
    await request(plainBoard.url).get('/.well-known/did.json').expect(404);
  });
});
