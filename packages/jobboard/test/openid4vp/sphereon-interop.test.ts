import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeIdentity, type TestIdentity } from '@skillproof/testing';
import type { Openid4vpRequestLink, Posting } from '@skillproof/jobboard';
import request from 'supertest';
import {
  startBoardWithTwoBadgePosting,
  stopOpenid4vpBoards,
  twoBadgeAchievements,
  type Openid4vpTestBoard,
} from '../fixtures/openid4vp-board.js';
import { signedBadge } from '../fixtures/signed-badge.js';
import { answerWithSphereon } from '../fixtures/sphereon-holder.js';

const { python, sql } = twoBadgeAchievements;

let board: Openid4vpTestBoard;
let academy: TestIdentity;
let learner: TestIdentity;
let posting: Posting;
let employerToken: string;

beforeAll(async () => {
  ({ board, academy, posting, employerToken } = await startBoardWithTwoBadgePosting());
  learner = makeIdentity();
});

afterAll(stopOpenid4vpBoards);

async function newRequest(): Promise<Openid4vpRequestLink> {
  const response = await request(board.url)
    .post(`/api/postings/${posting.id}/openid4vp-requests`)
    .expect(201);
  return response.body as Openid4vpRequestLink;
}

function applyWithSphereon(link: string, badges: string[]) {
  return answerWithSphereon(link, learner, badges);
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
    // Two presentations (one per credential query): the employer's re-check still finds both.
    const view = (
      await request(board.url)
        .get(`/api/postings/${posting.id}/applications/${application?.id ?? ''}`)
        .set('Authorization', `Bearer ${employerToken}`)
        .expect(200)
    ).body as { requirements: Array<{ currentStatus: string }>; flags: string[] };
    expect(view.requirements.map((outcome) => outcome.currentStatus)).toEqual(['valid', 'valid']);
    expect(view.flags).toEqual([]);
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
