import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Application, ApplicationView, Posting } from '@skillproof/jobboard';
import { fixedNow, makeIdentity, signPresentation, type TestIdentity } from '@skillproof/testing';
import request from 'supertest';
import { signedBadge } from '../fixtures/signed-badge.js';
import {
  createEmployerAccount,
  signIn,
  startWebBoard,
  stopWebServers,
  type SignedIn,
  type WebBoard,
} from './fixtures/web-board.js';

const git = 'https://academy.test/achievements/git-basics';
const sql = 'https://academy.test/achievements/sql-basics';
let board: WebBoard;
let academy: TestIdentity;
let employer: { token: string };
let session: SignedIn;
let posting: Posting;

beforeAll(async () => {
  board = await startWebBoard();
  board.clock.set(fixedNow);
  academy = makeIdentity();
  const account = await createEmployerAccount(board);
  employer = account;
  session = await signIn(board, account);
  posting = (
    await request(board.url)
      .post('/api/postings')
      .set('Authorization', `Bearer ${account.token}`)
      .send({
        title: 'Developer',
        requirements: [{ type: 'badge', achievementId: git, acceptedIssuers: [academy.did] }],
      })
      .expect(201)
  ).body as Posting;
});
afterAll(stopWebServers);

async function applyWith(holder: TestIdentity, achievementId: string): Promise<Application> {
  const { nonce } = (
    await request(board.url).post(`/api/postings/${posting.id}/presentation-request`).expect(201)
  ).body as { nonce: string };
  const presentation = signPresentation(holder, [signedBadge(academy, holder, achievementId)], {
    nonce,
    aud: board.origin,
    nbf: Math.floor(fixedNow.getTime() / 1000) - 5,
  });
  return (
    await request(board.url)
      .post(`/api/postings/${posting.id}/applications`)
      .send({ presentation })
      .expect(201)
  ).body as Application;
}

describe('a person who applies twice to one posting', () => {
  it('has one application, its earlier decision as history, and counts once in the funnel', async () => {
    const holder = makeIdentity();
    const first = await applyWith(holder, sql);
    expect(first.qualified).toBe(false);
    board.clock.advance(60_000);
    const second = await applyWith(holder, git);
    expect(second.qualified).toBe(true);

    const listed = (
      await request(board.url)
        .get(`/api/postings/${posting.id}/applications`)
        .set('Authorization', `Bearer ${employer.token}`)
        .expect(200)
    ).body as { applications: ApplicationView[] };
    expect(listed.applications).toHaveLength(1);
    const [only] = listed.applications;
    expect(only).toMatchObject({ id: second.id, holder: holder.did, qualified: true });
    // Two decisions in all: the current one, and the earlier one under it.
    expect(only?.history).toEqual([
      {
        id: first.id,
        qualified: false,
        requirements: first.requirements,
        createdAt: first.createdAt,
      },
    ]);
    // The earlier application's address now answers with the person's current one.
    const byEarlierId = (
      await request(board.url)
        .get(`/api/postings/${posting.id}/applications/${first.id}`)
        .set('Authorization', `Bearer ${employer.token}`)
        .expect(200)
    ).body as ApplicationView;
    expect(byEarlierId.id).toBe(second.id);

    const page = await request(board.url)
      .get(`/employer/postings/${posting.id}`)
      .set('Cookie', session.cookie)
      .expect(200);
    const applicants = page.text.slice(page.text.indexOf('<table class="applicants">'));
    expect(applicants.match(/<tr class="(?:qualified|not-qualified)">/g)).toHaveLength(1);
    expect(page.text).toContain('data-summary="1 applied, 1 qualified"');
    expect(page.text).toContain('Applied 2 times');
  });
});
