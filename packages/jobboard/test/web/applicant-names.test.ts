import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApplicationView } from '@skillproof/jobboard';
import {
  badgeCredential,
  makeIdentity,
  payloadOf,
  signCredential,
  withPayload,
  type TestIdentity,
} from '@skillproof/testing';
import request from 'supertest';
import { applicantLabel } from '../../src/web/applicant-label.js';
import { listApplicationsViaApi } from '../fixtures/jobboard.js';
import { stopWebServers } from './fixtures/web-board.js';
import {
  applyWithJwts,
  startBoardWithPosting,
  type BoardWithPosting,
} from './fixtures/web-posting.js';

const git = 'https://academy.test/achievements/git-basics';
let setup: BoardWithPosting;

beforeAll(async () => {
  setup = await startBoardWithPosting(git);
});
afterAll(stopWebServers);

/** A Git badge whose subject carries the holder's name in the open (OB 3.0 `identifier`). */
function namedBadge(holder: TestIdentity, name: string): string {
  return signCredential(
    setup.academy,
    badgeCredential(setup.academy, holder.did, {
      id: `urn:uuid:${crypto.randomUUID()}`,
      credentialSubject: {
        id: holder.did,
        type: 'AchievementSubject',
        achievement: { id: git, type: 'Achievement', name: 'Git Basics' },
        identifier: [
          { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: name },
        ],
      },
    }),
  ).proof.jwt;
}

async function applyWith(holder: TestIdentity, jwts: string[]): Promise<void> {
  await applyWithJwts(setup.board, setup.posting, holder, jwts);
}

async function listed(): Promise<ApplicationView[]> {
  return listApplicationsViaApi(setup.board.url, setup.posting.id, setup.employer.token);
}

describe('applicants as the employer sees them', () => {
  it('are labelled from their DID, the same label every time, the DID one click away', () => {
    const holder = makeIdentity();
    expect(applicantLabel(holder.did)).toMatch(/^Applicant [0-9a-f]{6}$/);
    expect(applicantLabel(holder.did)).toBe(applicantLabel(holder.did));
    expect(applicantLabel(holder.did)).not.toBe(applicantLabel(makeIdentity().did));
  });

  it('are named only when a credential they presented, and that verified, carries their name', async () => {
    const named = makeIdentity();
    const forger = makeIdentity();
    await applyWith(named, [namedBadge(named, 'Ada Lovelace')]);
    // Someone else's name written into a genuine badge: its signature no longer holds.
    const genuine = namedBadge(forger, 'Nobody');
    const payload = payloadOf(genuine);
    const subject = (payload['vc'] as { credentialSubject: { identifier: Array<object> } })
      .credentialSubject;
    subject.identifier = [
      { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Grace Hopper' },
    ];
    await applyWith(forger, [withPayload(genuine, payload)]);

    const applications = await listed();
    expect(applications.find((entry) => entry.holder === named.did)?.holderName).toBe(
      'Ada Lovelace',
    );
    expect(applications.find((entry) => entry.holder === forger.did)).not.toHaveProperty(
      'holderName',
    );

    const page = await request(setup.board.url)
      .get(`/employer/postings/${setup.posting.id}`)
      .set('Cookie', setup.session.cookie)
      .expect(200);
    expect(page.text).toContain(
      `Ada Lovelace <span class="muted">(${applicantLabel(named.did)})</span>`,
    );
    expect(page.text).toContain(`>${applicantLabel(forger.did)}</summary>`);
    expect(page.text).not.toContain('Grace Hopper');
  });
});
