import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Application, ApplicationView } from '@skillproof/jobboard';
import { makeIdentity, type TestIdentity } from '@skillproof/testing';
import request from 'supertest';
import { signedBadge } from '../fixtures/signed-badge.js';
import { listApplicationsViaApi } from '../fixtures/jobboard.js';
import { stopWebServers } from './fixtures/web-board.js';
import {
  applyWithJwts,
  startBoardWithPosting,
  type BoardWithPosting,
} from './fixtures/web-posting.js';

const git = 'https://academy.test/achievements/git-basics';
const sql = 'https://academy.test/achievements/sql-basics';
let setup: BoardWithPosting;

beforeAll(async () => {
  setup = await startBoardWithPosting(git);
});
afterAll(stopWebServers);

function applyWith(holder: TestIdentity, achievementId: string): Promise<Application> {
  return applyWithJwts(setup.board, setup.posting, holder, [
    signedBadge(setup.academy, holder, achievementId),
  ]);
}

describe('a person who applies twice to one posting', () => {
  it('has one application, its earlier decision as history, and counts once in the funnel', async () => {
    const holder = makeIdentity();
    const first = await applyWith(holder, sql);
    expect(first.qualified).toBe(false);
    setup.board.clock.advance(60_000);
    const second = await applyWith(holder, git);
    expect(second.qualified).toBe(true);

    const listed = await listApplicationsViaApi(
      setup.board.url,
      setup.posting.id,
      setup.employer.token,
    );
    expect(listed).toHaveLength(1);
    const [only] = listed;
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
      await request(setup.board.url)
        .get(`/api/postings/${setup.posting.id}/applications/${first.id}`)
        .set('Authorization', `Bearer ${setup.employer.token}`)
        .expect(200)
    ).body as ApplicationView;
    expect(byEarlierId.id).toBe(second.id);

    const page = await request(setup.board.url)
      .get(`/employer/postings/${setup.posting.id}`)
      .set('Cookie', setup.session.cookie)
      .expect(200);
    const applicants = page.text.slice(page.text.indexOf('<table class="applicants">'));
    expect(applicants.match(/<tr class="(?:qualified|not-qualified)">/g)).toHaveLength(1);
    expect(page.text).toContain('data-summary="1 applied, 1 qualified"');
    expect(page.text).toContain('Applied 2 times');
  });
});
