import { describe, expect, it } from '@jest/globals';
import { openDatabase } from '@skillproof/server/sqlite';
import { createJobboardStore, decideApplication } from '@skillproof/jobboard';
import { createStatusListResolver } from '@skillproof/verifier';
import {
  academyAchievements,
  fixedNow,
  makeIdentity,
  payloadOf,
  signPresentation,
  withPayload,
  type TestIdentity,
} from '@skillproof/testing';
import { postingWithNonce } from '../fixtures/posting-in-store.js';
import { signedBadge } from '../fixtures/signed-badge.js';

const { python, sql } = academyAchievements;

const domain = 'https://jobs.test';
const academy = makeIdentity();

/** The board's decision on a posting asking for the academy's Python and SQL badges. */
async function decide(holder: TestIdentity, credentialJwts: string[]) {
  const store = await createJobboardStore(openDatabase(':memory:'));
  const { posting, nonce } = await postingWithNonce(store, domain, {
    title: 'Data analyst',
    requirements: [
      { achievementId: python, acceptedIssuers: [academy.did] },
      { achievementId: sql, acceptedIssuers: [academy.did] },
    ],
  });
  const application = await decideApplication(
    {
      store,
      domain,
      now: () => fixedNow,
      statusLists: createStatusListResolver(),
    },
    posting.id,
    { presentation: signPresentation(holder, credentialJwts, { nonce, aud: domain }) },
  );
  const [stored] = await store.listApplications(posting.id);
  return { application, stored };
}

/**
 * The academy's own signature over an SQL badge whose payload was then rewritten to claim the
 * Python badge under another name: the signature no longer covers what it carries.
 */
function forgedPythonBadge(holder: TestIdentity): { jwt: string; id: string } {
  const genuine = signedBadge(academy, holder, sql);
  const payload = payloadOf(genuine);
  const achievement = (
    payload['vc'] as { credentialSubject: { achievement: Record<string, unknown> } }
  ).credentialSubject.achievement;
  achievement['id'] = python;
  achievement['name'] = 'Forged Python Master';
  return { jwt: withPayload(genuine, payload), id: String(payload['jti']) };
}

describe('decideApplication on a credential whose signature fails', () => {
  it('never reads it: its unsigned payload claiming the required badge meets nothing', async () => {
    const holder = makeIdentity();
    const forged = forgedPythonBadge(holder);
    const genuineSql = signedBadge(academy, holder, sql);

    const { application, stored } = await decide(holder, [forged.jwt, genuineSql]);

    expect(application.qualified).toBe(false);
    expect(application.requirements[0]).toEqual({
      id: 'r1',
      type: 'badge',
      achievementId: python,
      met: false,
      code: 'invalid',
      reason:
        'no credential for "python-problems-1" was presented that verified: credential 1 of the presentation did not verify (its signature does not hold), so what it claims was not read',
      credentials: [],
    });
    expect(application.requirements[1]).toMatchObject({ id: 'r2', met: true, code: 'met' });
    // Nothing the forged payload claims reaches the decision or its stored evidence.
    for (const kept of [JSON.stringify(application), JSON.stringify(stored)]) {
      expect(kept).not.toContain(forged.id);
      expect(kept).not.toContain('Forged Python Master');
    }
    expect(stored?.evidence[0]).toEqual({
      index: 0,
      verified: false,
      errors: [{ code: 'SIGNATURE_INVALID', message: `the signature is not by ${academy.did}` }],
    });
  });
});

describe('decideApplication: a current skill (withinMonths)', () => {
  async function decideCurrent(issuanceDate?: string) {
    const store = await createJobboardStore(openDatabase(':memory:'));
    const { posting, nonce } = await postingWithNonce(store, domain, {
      title: 'Current Python',
      requirements: [{ achievementId: python, acceptedIssuers: [academy.did], withinMonths: 12 }],
    });
    const holder = makeIdentity();
    const badge = signedBadge(academy, holder, python, {
      ...(issuanceDate === undefined ? {} : { issuanceDate }),
    });
    return {
      posting,
      application: await decideApplication(
        { store, domain, now: () => fixedNow, statusLists: createStatusListResolver() },
        posting.id,
        { presentation: signPresentation(holder, [badge], { nonce, aud: domain }) },
      ),
    };
  }

  it('qualifies a badge earned within the months asked, and says so on the posting', async () => {
    const { posting, application } = await decideCurrent();
    expect(posting.requirements[0]).toMatchObject({
      withinMonths: 12,
      description: expect.stringMatching(/, earned or renewed within the last 12 months$/),
    });
    expect(application.qualified).toBe(true);
  });

  it('does not qualify one earned 13 months ago, with the reason and the too-old code', async () => {
    const thirteenMonthsAgo = new Date(fixedNow);
    thirteenMonthsAgo.setUTCMonth(thirteenMonthsAgo.getUTCMonth() - 13);
    const { application } = await decideCurrent(thirteenMonthsAgo.toISOString());
    expect(application.qualified).toBe(false);
    expect(application.requirements[0]).toMatchObject({
      code: 'too-old',
      reason: expect.stringContaining('earned or renewed within the last 12 months'),
    });
  });
});
