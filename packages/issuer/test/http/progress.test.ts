import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { correctAnswers, findBadge, loadDefaultCatalog } from '../../src/index.js';
import {
  answerAttempt,
  createTestLearner,
  signIn,
  signInNewLearner,
  startedAttempt,
  startTestIssuer,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';

const catalog = loadDefaultCatalog();

describe('GET /learners/me/progress', () => {
  let issuer: TestIssuer;
  let learner: TestLearner;
  let token: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    ({ learner, token } = await signInNewLearner(issuer));
  });

  afterAll(async () => {
    await issuer.close();
    learner.close();
  });

  const progress = () =>
    issuer.http.get('/learners/me/progress').set('Authorization', `Bearer ${token}`);

  async function attempt(badge: string, answers: Record<string, string>) {
    const started = await startedAttempt(issuer, token, badge);
    return answerAttempt(issuer, token, started.attemptId, answers).expect(200);
  }

  it('shows a newcomer every badge, nothing earned, every attempt left', async () => {
    const response = await progress().expect(200);
    expect(response.body.learner).toBe(learner.did);
    expect(response.body.badges).toEqual(
      catalog.badges.map((badge) => ({
        badge: badge.id,
        name: badge.name,
        earned: false,
        credentialId: null,
        attempts: 0,
        maxAttempts: badge.maxAttempts,
        attemptsLeft: badge.maxAttempts,
        bestScore: null,
        nextAttemptAt: null,
      })),
    );
  });

  it('shows attempts, best score, the cooldown and the credential earned', async () => {
    const history = findBadge(catalog, 'russian-history-1');
    await attempt('git-basics', { q1: 'c' });
    const passed = await attempt('russian-history-1', correctAnswers(history));
    const response = await progress().expect(200);
    const of = (id: string) =>
      response.body.badges.find((entry: { badge: string }) => entry.badge === id);
    expect(of('git-basics')).toEqual({
      badge: 'git-basics',
      name: 'Git Basics',
      earned: false,
      credentialId: null,
      attempts: 1,
      maxAttempts: 5,
      attemptsLeft: 4,
      bestScore: 25,
      nextAttemptAt: '2030-01-15T10:05:00.000Z',
    });
    expect(of('russian-history-1')).toEqual({
      badge: 'russian-history-1',
      name: 'Russian History I',
      earned: true,
      credentialId: passed.body.verifiableCredential.id,
      attempts: 1,
      maxAttempts: 3,
      attemptsLeft: 2,
      bestScore: 100,
      nextAttemptAt: null,
    });
  });

  it("shows only the signed-in learner's progress", async () => {
    const other = await createTestLearner();
    try {
      const otherToken = await signIn(issuer, other);
      const response = await issuer.http
        .get('/learners/me/progress')
        .set('Authorization', `Bearer ${otherToken}`)
        .expect(200);
      expect(response.body.learner).toBe(other.did);
      expect(
        response.body.badges.every((entry: { attempts: number }) => entry.attempts === 0),
      ).toBe(true);
    } finally {
      other.close();
    }
  });

  it('requires a session (401)', async () => {
    for (const authorization of [undefined, 'Bearer nope']) {
      const request = issuer.http.get('/learners/me/progress');
      const response = await (authorization
        ? request.set('Authorization', authorization)
        : request);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
  });
});
