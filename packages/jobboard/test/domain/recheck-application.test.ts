import { describe, expect, it } from '@jest/globals';
import { openDatabase } from '@skillproof/server/sqlite';
import {
  createJobboardStore,
  decideApplication,
  recheckApplication,
  type StoredApplication,
} from '@skillproof/jobboard';
import { createStatusListResolver } from '@skillproof/verifier';
import { academyAchievements, fixedNow, makeIdentity, signPresentation } from '@skillproof/testing';
import { postingWithNonce } from '../fixtures/posting-in-store.js';
import { signedBadge } from '../fixtures/signed-badge.js';

const { python, sql } = academyAchievements;

const domain = 'https://jobs.test';
const academy = makeIdentity();
const learner = makeIdentity();

describe('recheckApplication of an OpenID4VP answer', () => {
  it('finds a JWT badge stored after a Data Integrity presentation by its place across both', async () => {
    const store = await createJobboardStore(openDatabase(':memory:'));
    const { posting, nonce } = await postingWithNonce(store, domain, {
      title: 'Data analyst',
      requirements: [{ achievementId: python, acceptedIssuers: [academy.did] }],
    });
    const deps = { store, domain, now: () => fixedNow, statusLists: createStatusListResolver() };
    const decided = await decideApplication(deps, posting.id, {
      presentation: signPresentation(learner, [signedBadge(academy, learner, python)], {
        nonce,
        aud: domain,
      }),
    });
    const [stored] = await store.listApplications(posting.id);
    if (!stored) throw new Error('the application was not stored');
    expect(decided.qualified).toBe(true);
    // As the board stores an answer of two presentations: a Data Integrity one (a JSON object,
    // here carrying an SQL badge) first, then the JWT one; the evidence numbers credentials
    // across both.
    const diPresentation = {
      type: ['VerifiablePresentation'],
      holder: learner.did,
      verifiableCredential: [{ id: 'urn:uuid:sql-badge', type: ['VerifiableCredential'] }],
    };
    const answered: StoredApplication = {
      ...stored,
      presentationJwt: JSON.stringify([diPresentation, stored.presentationJwt]),
      evidence: [
        {
          index: 0,
          verified: true,
          credentialId: 'urn:uuid:sql-badge',
          issuer: academy.did,
          achievementId: sql,
          errors: [],
        },
        ...stored.evidence.map((entry) => ({ ...entry, index: entry.index + 1 })),
      ],
    };

    const view = await recheckApplication(deps, posting, answered);

    expect(view.requirements.map((outcome) => outcome.currentStatus)).toEqual(['valid']);
    expect(view.flags).toEqual([]);
  });
});
