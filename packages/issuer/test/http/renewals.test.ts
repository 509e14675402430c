import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from '@skillproof/core';
import { ob3SchemaErrors } from '@skillproof/testing';
import { correctAnswers, findBadge, loadDefaultCatalog } from '../../src/index.js';
import type { AttemptBody } from '../fixtures/answer-attempt.js';
import {
  answerAttempt,
  retryAtWill,
  signIn,
  signInNewLearner,
  startTime,
  useIssuerWithLearners,
  type TestIssuer,
} from '../fixtures/issuer-harness.js';
import { verifyIssued } from '../fixtures/verify-issued.js';

// Renewals (issue 19): in the last days of a held badge's validity, a short renewal test from
// the same graded bank issues a renewed badge that names the earlier one, which stays valid.
const atWill = retryAtWill(loadDefaultCatalog());
const gitBasics = findBadge(atWill.catalog, 'git-basics'); // 730 days, 4 tasks
const gitKey = correctAnswers(gitBasics);
const dayMs = 24 * 3600 * 1000;

function startRenewal(issuer: TestIssuer, token: string, badge: string) {
  return issuer.http
    .post('/attempts')
    .set('Authorization', `Bearer ${token}`)
    .send({ badge, renewal: true });
}

function answersTo(attempt: AttemptBody): Record<string, string> {
  return Object.fromEntries(attempt.tasks.map((task) => [task.id, gitKey[task.id] as string]));
}

async function earnGit(issuer: TestIssuer, token: string): Promise<string> {
  const started = await issuer.http
    .post('/attempts')
    .set('Authorization', `Bearer ${token}`)
    .send({ badge: 'git-basics' })
    .expect(201);
  const graded = await answerAttempt(issuer, token, started.body.attemptId, gitKey).expect(200);
  expect(graded.body.award).toBe('issued');
  return decodeJwt(graded.body.verifiableCredential.proof.jwt).payload.jti as string;
}

describe('renewals (POST /attempts {renewal: true})', () => {
  const setup = useIssuerWithLearners(atWill);

  it('publishes each badge’s renewal rule in the catalogue', async () => {
    const catalog = await setup.issuer.http.get('/catalog').expect(200);
    const badges = catalog.body.badges as Array<{ id: string; renewal: unknown }>;
    expect(badges.find((badge) => badge.id === 'git-basics')?.renewal).toEqual({
      windowDays: 60,
      items: 2,
    });
    expect(badges.find((badge) => badge.id === 'russian-history-1')?.renewal).toBeNull();
  });

  it('refuses a renewal with a code for each reason, and starts nothing', async () => {
    const { issuer, token } = setup;
    setup.issuer.clock.set(startTime);
    await startRenewal(issuer, token, 'russian-history-1').expect(409, {
      error: {
        code: 'RENEWAL_UNAVAILABLE',
        message: 'Russian History I never lapses: there is nothing to renew',
      },
    });
    const notHeld = await startRenewal(issuer, token, 'sql-basics').expect(409);
    expect(notHeld.body.error.code).toBe('RENEWAL_NOT_HELD');

    const { token: holder } = await signInNewLearner(issuer);
    await earnGit(issuer, holder);
    const early = await startRenewal(issuer, holder, 'git-basics').expect(409);
    expect(early.body.error).toEqual({
      code: 'RENEWAL_NOT_DUE',
      message: expect.stringContaining('can be renewed from 2031-11-16T10:00:00.000Z'),
    });
    // A refusal starts no attempt: the holder's next attempt is still their second.
    const next = await issuer.http
      .post('/attempts')
      .set('Authorization', `Bearer ${holder}`)
      .send({ badge: 'git-basics' })
      .expect(201);
    expect(next.body.attemptNumber).toBe(2);
    expect(next.body.renewal).toBeUndefined();
  });

  it('renews a held badge in its window with half the tasks, in any format, and keeps the old one valid', async () => {
    const { issuer } = setup;
    issuer.clock.set(startTime);
    const { learner, token: first } = await signInNewLearner(issuer);
    const earlierId = await earnGit(issuer, first);

    // 700 days on: inside the last 60 days of its 730.
    issuer.clock.advance(700 * dayMs);
    const token = await signIn(issuer, learner);
    const started = await startRenewal(issuer, token, 'git-basics').expect(201);
    const attempt = started.body as AttemptBody & { renewal: { renews: string; lapsesAt: string } };
    expect(attempt.tasks).toHaveLength(2);
    expect(attempt.renewal).toEqual({ renews: earlierId, lapsesAt: '2032-01-15T10:00:00.000Z' });
    // Its tasks are the attempt's own: answering another of the bank is refused.
    const other = gitBasics.tasks.find((task) => !attempt.tasks.some((t) => t.id === task.id));
    await answerAttempt(issuer, token, attempt.attemptId, {
      ...answersTo(attempt),
      [other?.id ?? 'q1']: 'a',
    })
      .expect(400)
      .then((response) => expect(response.body.error.code).toBe('VALIDATION_FAILED'));

    const graded = await answerAttempt(
      issuer,
      token,
      attempt.attemptId,
      answersTo(attempt),
      'ldp_vc',
    ).expect(200);
    expect(graded.body).toMatchObject({
      passed: true,
      correct: 2,
      total: 2,
      award: 'issued',
      format: 'ldp_vc',
      renewed: earlierId,
    });
    expect(graded.body.transparencyReceipt).toBeDefined();
    const renewed = graded.body.verifiableCredential as Record<string, unknown> & {
      evidence: Array<Record<string, unknown>>;
      credentialSubject: { achievement: { id: string } };
    };
    const now = issuer.clock.now();
    expect(renewed.validFrom).toBe(now.toISOString());
    expect(renewed.validUntil).toBe(new Date(now.getTime() + 730 * dayMs).toISOString());
    expect(renewed.credentialSubject.achievement.id).toBe(
      'https://academy.test/achievements/git-basics',
    );
    expect(renewed.evidence).toContainEqual(
      expect.objectContaining({ id: earlierId, type: ['Evidence'], genre: 'Renewal' }),
    );
    expect((await verifyIssued(issuer, renewed)).verified).toBe(true);
    // 1EdTech's OB 3.0 schema takes the renewal evidence (proof read as a set, as award-formats does).
    expect(ob3SchemaErrors({ ...renewed, proof: [renewed.proof] })).toEqual([]);

    // The earlier badge is not revoked: it verifies until its own end.
    const earlier = await issuer.context.store.findCredential(earlierId);
    expect((await verifyIssued(issuer, earlier?.jwt)).verified).toBe(true);
    // The renewed one is the learner's badge now, and it is not due for renewal.
    const award = await issuer.context.store.findAwardedCredential(
      learner.did,
      'https://academy.test/achievements/git-basics',
    );
    expect(award?.id).toBe(renewed.id);
    const again = await startRenewal(issuer, token, 'git-basics').expect(409);
    expect(again.body.error.code).toBe('RENEWAL_NOT_DUE');

    // Once the earlier one's end has passed it no longer verifies; the renewed one does.
    issuer.clock.advance(31 * dayMs);
    expect((await verifyIssued(issuer, earlier?.jwt)).verified).toBe(false);
    expect((await verifyIssued(issuer, renewed)).verified).toBe(true);
    learner.close();
  });

  it('refuses a lapsed badge’s renewal, and a normal attempt earns it again', async () => {
    const { issuer } = setup;
    issuer.clock.set(startTime);
    const { learner, token: first } = await signInNewLearner(issuer);
    await earnGit(issuer, first);
    issuer.clock.advance(731 * dayMs);
    const token = await signIn(issuer, learner);
    const lapsed = await startRenewal(issuer, token, 'git-basics').expect(409);
    expect(lapsed.body.error).toEqual({
      code: 'RENEWAL_LAPSED',
      message:
        'your Git Basics badge lapsed at 2032-01-15T10:00:00.000Z: a normal attempt earns it again',
    });
    await earnGit(issuer, token);
    learner.close();
  });

  it('refuses a renewal of a revoked badge as not held', async () => {
    const { issuer } = setup;
    issuer.clock.set(startTime);
    const { learner, token: first } = await signInNewLearner(issuer);
    const id = await earnGit(issuer, first);
    await issuer.http
      .post('/credentials/status')
      .set('Authorization', 'Bearer test-admin-token-0123456789')
      .send({
        credentialId: id,
        credentialStatus: [
          { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
        ],
      })
      .expect((response) => expect(response.status).toBeLessThan(300));
    issuer.clock.advance(700 * dayMs);
    const token = await signIn(issuer, learner);
    const refused = await startRenewal(issuer, token, 'git-basics').expect(409);
    expect(refused.body.error).toEqual({
      code: 'RENEWAL_NOT_HELD',
      message: "your Git Basics badge is revoked: it can't be renewed",
    });
    learner.close();
  });
});
