import { describe, expect, it } from '@jest/globals';
import { verifyDidJws } from '@skillproof/core';
import { findBadge, loadDefaultCatalog } from '../../src/index.js';
import { rightAnswers } from '../fixtures/answer-attempt.js';
import {
  answerAttempt,
  issuerUrl,
  startedAttempt,
  useIssuerWithLearners,
} from '../fixtures/issuer-harness.js';

const catalog = loadDefaultCatalog();

describe('every default badge can be earned through the API', () => {
  const started = useIssuerWithLearners();

  it.each(catalog.badges.map((badge) => [badge.id]))('%s', async (badgeId) => {
    const badge = findBadge(catalog, badgeId);
    const attempt = await startedAttempt(started.issuer, started.token, badgeId);
    const response = await answerAttempt(
      started.issuer,
      started.token,
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
    expect(vc.credentialSubject.id).toBe(started.learner.did);
    expect(vc.credentialSubject.achievement.id).toBe(`${issuerUrl}/achievements/${badgeId}`);
    const verified = verifyDidJws(vc.proof.jwt);
    expect(verified.ok && verified.did).toBe(started.issuer.identifier.did);
  });

  it("does not accept another learner's puzzle answers", async () => {
    const python = findBadge(catalog, 'python-problems-1');
    const mine = await startedAttempt(started.issuer, started.otherToken, 'python-problems-1');
    const theirs = await startedAttempt(started.issuer, started.token, 'python-problems-1');
    const response = await started.issuer.http
      .post(`/attempts/${mine.attemptId}/answers`)
      .set('Authorization', `Bearer ${started.otherToken}`)
      .send({ answers: rightAnswers(python, theirs) })
      .expect(200);
    expect(response.body.passed).toBe(false);
    expect(response.body.verifiableCredential).toBeUndefined();
  });
});
