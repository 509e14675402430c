import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listen } from '@skillproof/server/http';
import request from 'supertest';
import {
  correctAnswers,
  createIssuerApp,
  createIssuerRateLimiters,
  findBadge,
  loadDefaultCatalog,
  type CredentialSigner,
} from '../../src/index.js';
import {
  adminToken,
  answerAttempt,
  issuerUrl,
  retryAtWill,
  signInNewLearner,
  startedAttempt,
  startTestIssuer,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';
import { selectRows } from '../fixtures/select-rows.js';

// Whether a learner holds a badge is decided once, in the transaction that records the grade,
// before anything is signed: a pass that earns nothing new spends no status index.
const atWill = retryAtWill(loadDefaultCatalog());
const { catalog } = atWill;
const gitKey = correctAnswers(findBadge(catalog, 'git-basics'));
const achievementId = `${issuerUrl}/achievements/git-basics`;

interface IssuedBody {
  id: string;
  credentialStatus: {
    statusPurpose: string;
    statusListCredential: string;
    statusListIndex: string;
  }[];
}

describe('a pass decides once what the learner holds', () => {
  let issuer: TestIssuer;
  const learners: TestLearner[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer(atWill);
  });

  afterAll(async () => {
    await issuer.close();
    for (const learner of learners) learner.close();
  });

  async function newLearner(): Promise<{ did: string; token: string }> {
    const { learner, token } = await signInNewLearner(issuer);
    learners.push(learner);
    return { did: learner.did, token };
  }

  const start = (token: string) => startedAttempt(issuer, token, 'git-basics');

  const answer = (token: string, attemptId: string, answers = gitKey) =>
    answerAttempt(issuer, token, attemptId, answers);

  async function pass(token: string): Promise<IssuedBody> {
    const graded = await answer(token, (await start(token)).attemptId).expect(200);
    expect(graded.body.passed).toBe(true);
    return graded.body.verifiableCredential as IssuedBody;
  }

  const setStatus = (credentialId: string, statusPurpose: string, status: boolean) =>
    issuer.http
      .post('/credentials/status')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        credentialId,
        credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status }],
      })
      .expect(200);

  /** Status list entries handed out, over every list. */
  const allocatedEntries = async () =>
    (
      await selectRows<{ n: number }>(issuer.db, 'SELECT COUNT(*) AS n FROM issuer_status_entries')
    )[0]?.n ?? Number.NaN;
  const credentialsOf = (did: string) =>
    selectRows<{ id: string; jwt: string | null }>(
      issuer.db,
      'SELECT id, jwt FROM issuer_credentials WHERE subject_did = ? ORDER BY issued_at',
      did,
    );
  const positions = (vc: IssuedBody) =>
    vc.credentialStatus.map((entry) => `${entry.statusListCredential}#${entry.statusListIndex}`);

  it('spends no status index on a pass by a learner who holds the badge', async () => {
    const { did, token } = await newLearner();
    const before = await allocatedEntries();
    const first = await pass(token);
    expect(await allocatedEntries()).toBe(before + 2);
    const again = await pass(token);
    expect(again).toEqual(first);
    expect(await allocatedEntries()).toBe(before + 2);
    expect(await credentialsOf(did)).toHaveLength(1);
  });

  it('spends the indexes of one credential when several passes race, and all get that one', async () => {
    // The same issuer, its signer held until every pass has asked for a signature: so the
    // passes overlap for certain, however fast signing is.
    const racing = 4;
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const timeout = setTimeout(release, 2000);
    let signatures = 0;
    const signer: CredentialSigner = {
      ...issuer.context.signer,
      async sign(credential) {
        signatures += 1;
        if (signatures >= racing) release();
        await held;
        return issuer.context.signer.sign(credential);
      },
    };
    const app = createIssuerApp({
      context: { ...issuer.context, signer },
      rateLimiters: createIssuerRateLimiters({
        db: issuer.db,
        limits: { attempts: { limit: 1000, windowMs: 60_000 } },
        now: issuer.clock.now,
      }),
    });
    const running = await listen(app, 0, '127.0.0.1');
    try {
      const { did, token } = await newLearner();
      const attempts = [];
      for (let count = 0; count < racing; count += 1) attempts.push(await start(token));
      const before = await allocatedEntries();
      const responses = await Promise.all(
        attempts.map((attempt) =>
          request(running.url)
            .post(`/attempts/${attempt.attemptId}/answers`)
            .set('Authorization', `Bearer ${token}`)
            .send({ answers: gitKey }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(attempts.map(() => 200));
      const ids = new Set(responses.map((response) => response.body.verifiableCredential.id));
      expect(ids.size).toBe(1);
      // Exactly one revocation and one suspension entry, for the one credential stored.
      expect(await allocatedEntries()).toBe(before + 2);
      expect(await credentialsOf(did)).toEqual([{ id: [...ids][0], jwt: expect.any(String) }]);
      for (const attempt of attempts) {
        expect(await issuer.store.findAttempt(attempt.attemptId)).toMatchObject({
          passed: true,
          credentialId: [...ids][0],
        });
      }
    } finally {
      clearTimeout(timeout);
      await running.close();
    }
  });

  it('gives a learner whose badge was revoked a new credential, with new status entries, on the next pass', async () => {
    const { did, token } = await newLearner();
    const revoked = await pass(token);
    await setStatus(revoked.id, 'revocation', true);
    const progress = await issuer.http
      .get('/learners/me/progress')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(
      (progress.body.badges as { badge: string }[]).find((badge) => badge.badge === 'git-basics'),
    ).toMatchObject({ earned: false, credentialId: null });

    const before = await allocatedEntries();
    const renewed = await pass(token);
    expect(renewed.id).not.toBe(revoked.id);
    expect(await allocatedEntries()).toBe(before + 2);
    for (const position of positions(renewed)) expect(positions(revoked)).not.toContain(position);
    const statusOf = async (credentialId: string) =>
      (await issuer.statusLists.listCredentialStatus({ credentialId }))[0];
    expect(await statusOf(revoked.id)).toMatchObject({ subjectDid: did, revoked: true });
    expect(await statusOf(renewed.id)).toMatchObject({
      subjectDid: did,
      revoked: false,
      suspended: false,
    });
    expect((await issuer.store.findAwardedCredential(did, achievementId))?.id).toBe(renewed.id);

    // The new one stands: passing again keeps it.
    expect((await pass(token)).id).toBe(renewed.id);
    expect(await allocatedEntries()).toBe(before + 2);
  });

  it('reports a pass while the badge is suspended as such, allocating and issuing nothing', async () => {
    const { did, token } = await newLearner();
    const suspended = await pass(token);
    await setStatus(suspended.id, 'suspension', true);

    const before = await allocatedEntries();
    const attempt = await start(token);
    const refused = await answer(token, attempt.attemptId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(refused.body.error.message).toContain(`badge ${suspended.id} is suspended`);
    expect(await allocatedEntries()).toBe(before);
    expect(await credentialsOf(did)).toHaveLength(1);
    // The attempt was graded (it can't be submitted again), and earned nothing.
    expect(await issuer.store.findAttempt(attempt.attemptId)).toMatchObject({
      passed: true,
      credentialId: null,
    });
    await answer(token, attempt.attemptId).expect(409);

    // Reinstated, it stands again: a pass returns it.
    await setStatus(suspended.id, 'suspension', false);
    expect((await pass(token)).id).toBe(suspended.id);
    expect(await allocatedEntries()).toBe(before);
  });
});
