import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIdentity, signPresentation, type TestIdentity } from '@skillproof/testing';
import type { Openid4vpRequestLink, Posting } from '@skillproof/jobboard';
import { encodeJsonAsURI, formPost } from '@sphereon/did-auth-siop';
import request from 'supertest';
import { createEmployerViaApi, createPostingViaApi } from '../fixtures/jobboard.js';
import {
  startOpenid4vpBoard,
  stopOpenid4vpBoards,
  type Openid4vpTestBoard,
} from '../fixtures/openid4vp-board.js';
import { signedBadge } from '../fixtures/signed-badge.js';
import { sphereonHolder } from '../fixtures/sphereon-holder.js';

const python = 'https://academy.test/achievements/python-1';
const sql = 'https://academy.test/achievements/sql-1';

let board: Openid4vpTestBoard;
let academy: TestIdentity;
let learner: TestIdentity;
let posting: Posting;

beforeAll(async () => {
  board = await startOpenid4vpBoard();
  academy = makeIdentity();
  learner = makeIdentity();
  const employer = await createEmployerViaApi(board.url);
  posting = await createPostingViaApi(board.url, employer.token, [
    { achievementId: python, acceptedIssuers: [academy.did] },
    { achievementId: sql, acceptedIssuers: [academy.did] },
  ]);
});

afterAll(stopOpenid4vpBoards);

async function newRequest(): Promise<Openid4vpRequestLink> {
  const response = await request(board.url)
    .post(`/api/postings/${posting.id}/openid4vp-requests`)
    .expect(201);
  return response.body as Openid4vpRequestLink;
}

// Sphereon's wallet reads the link, fetches and verifies the signed request object, and posts a
// vp_token answering each credential query of the DCQL query with a JWT VP of one badge, in
// order. Its response is made from the payload (`AuthorizationResponse.fromPayload`) rather than
// by `createAuthorizationResponse`, whose DCQL self-check cannot match any jwt_vc_json badge in
// 0.20.1: it reads holder binding only from an embedded `proof.verificationMethod` (a JWT VC has
// none) and turns `credentialSubject` into an array, so no `["credentialSubject", …]` path of
// OpenID4VP 1.0 Appendix B.1.2 matches.
async function applyWithSphereon(link: string, badges: string[]) {
  const op = sphereonHolder();
  const verified = await op.verifyAuthorizationRequest(link);
  // What the wallet read from the signed request object, not from the link.
  const payload = await verified.requestObject?.getPayload();
  const queries = verified.dcqlQuery.credentials.filter((query) => query.format === 'jwt_vc_json');
  const vpToken = Object.fromEntries(
    badges.map((badge, index) => [
      String(queries[index]?.id),
      signPresentation(learner, [badge], {
        nonce: String(payload?.nonce),
        aud: String(payload?.client_id),
        nbf: Math.floor(Date.now() / 1000) - 5,
      }),
    ]),
  );
  const answer = await formPost(
    String(payload?.response_uri),
    encodeJsonAsURI({ vp_token: vpToken, state: payload?.state }),
    { exceptionOnHttpErrorStatus: false },
  );
  return {
    verified,
    status: answer.origResponse.status,
    body: (answer.successBody ?? answer.errorBody) as unknown as Record<string, unknown>,
  };
}

describe('OpenID4VP 1.0 with a holder we did not write (Sphereon did-auth-siop)', () => {
  it('creates a request whose link names the board by its decentralized_identifier client id', async () => {
    const created = await newRequest();
    const link = new URL(created.link);
    expect(link.protocol).toBe('openid4vp:');
    expect(link.searchParams.get('client_id')).toBe(
      `decentralized_identifier:${board.identity.did}`,
    );
    expect(link.searchParams.get('request_uri')).toBe(created.requestUri);
    const object = await request(board.url).get(new URL(created.requestUri).pathname).expect(200);
    expect(object.headers['content-type']).toMatch(/^application\/oauth-authz-req\+jwt/);
  });

  it('verifies the signed request object and records a qualified application with a reason per requirement', async () => {
    const created = await newRequest();
    const { verified, status, body } = await applyWithSphereon(created.link, [
      signedBadge(academy, learner, python),
      signedBadge(academy, learner, sql),
    ]);
    expect((await verified.requestObject?.getPayload())?.response_uri).toBe(
      `${board.url}/oid4vp/responses/${created.requestId}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      redirect_uri: created.statusUrl,
      application: {
        qualified: true,
        requirements: [
          { met: true, code: 'met' },
          { met: true, code: 'met' },
        ],
      },
    });
    const stored = await board.store.findOpenid4vpRequest(created.requestId);
    expect(stored).toMatchObject({ qualified: true });
    const application = await board.store.findApplication(
      posting.id,
      String((body['application'] as { id: string }).id),
    );
    expect(application).toMatchObject({ holder: learner.did, qualified: true });
  });

  it('records an unqualified application, with the missing badge as the reason', async () => {
    const created = await newRequest();
    const { status, body } = await applyWithSphereon(created.link, [
      signedBadge(academy, learner, python),
    ]);
    expect(status).toBe(200);
    const application = body['application'] as {
      qualified: boolean;
      requirements: Array<{ met: boolean; code: string; reason: string }>;
    };
    expect(application.qualified).toBe(false);
    expect(application.requirements[0]?.met).toBe(true);
    expect(application.requirements[1]).toMatchObject({ met: false, code: 'missing' });
    expect(application.requirements[1]?.reason).toEqual(expect.any(String));
    const page = await request(board.url).get(new URL(created.statusUrl).pathname).expect(200);
    expect(page.text).toContain('Not qualified');
    expect(page.text).toContain(
      String(application.requirements[1]?.reason).replace(/&/g, '&amp;').replace(/"/g, '&quot;'),
    );
  });
});
