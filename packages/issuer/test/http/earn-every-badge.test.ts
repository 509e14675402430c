import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyDidJws } from '@skillproof/core';
import { findBadge, loadDefaultCatalog } from '../../src/index.js';
import { rightAnswers } from '../fixtures/answer-attempt.js';
import {
  answerAttempt,
  issuerUrl,
  signInNewLearner,
  startedAttempt,
  startTestIssuer,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';

const catalog = loadDefaultCatalog();

describe('every default badge can be earned through the API', () => {
  let issuer: TestIssuer;
  let learner: TestLearner;
  let other: TestLearner;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    ({ learner, token } = await signInNewLearner(issuer));
    ({ learner: other, token: otherToken } = await signInNewLearner(issuer));
  });

  afterAll(async () => {
    await issuer.close();
    learner.close();
    other.close();
  });

  it.each(catalog.badges.map((badge) => [badge.id]))('%s', async (badgeId) => {
    const badge = findBadge(catalog, badgeId);
    const attempt = await startedAttempt(issuer, token, badgeId);
    const response = await answerAttempt(
      issuer,
      token,
      attempt.attemptId,
      rightAnswers(badge, attempt),
    ).expect(200);
    expect(response.body).toMatchObject({
      passed: true,
      score: 100,
      correct: badge.tasks.length,
      total: badge.tasks.length,
    });
    const vc = response.body.verifiableCredential;
    expect(vc.credentialSubject.id).toBe(learner.did);
    expect(vc.credentialSubject.achievement.id).toBe(`${issuerUrl}/achievements/${badgeId}`);
    const verified = verifyDidJws(vc.proof.jwt);
    expect(verified.ok && verified.did).toBe(issuer.identifier.did);
  });

  it("does not accept another learner's puzzle answers", async () => {
    const python = findBadge(catalog, 'python-problems-1');
    const mine = await startedAttempt(issuer, otherToken, 'python-problems-1');
    const theirs = await startedAttempt(issuer, token, 'python-problems-1');
    const response = await issuer.http
      .post(`/attempts/${mine.attemptId}/answers`)
      .set('Authorization', `Bearer ${otherToken}`)
      .send({ answers: rightAnswers(python, theirs) })
      .expect(200);
    expect(response.body.passed).toBe(false);
    expect(response.body.verifiableCredential).toBeUndefined();
  });
});
