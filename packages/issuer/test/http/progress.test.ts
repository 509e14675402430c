import { describe, expect, it } from '@jest/globals';
import { correctAnswers, findBadge, loadDefaultCatalog } from '../../src/index.js';
import {
  answerAttempt,
  createTestLearner,
  signIn,
  startedAttempt,
  useIssuerWithLearners,
} from '../fixtures/issuer-harness.js';

const catalog = loadDefaultCatalog();

describe('GET /learners/me/progress', () => {
  const started = useIssuerWithLearners();

  const progress = () =>
    started.issuer.http
      .get('/learners/me/progress')
      .set('Authorization', `Bearer ${started.token}`);

  async function attempt(badge: string, answers: Record<string, string>) {
    const { attemptId } = await startedAttempt(started.issuer, started.token, badge);
    return answerAttempt(started.issuer, started.token, attemptId, answers).expect(200);
  }

  it('shows a newcomer every badge, nothing earned, every attempt left', async () => {
    const response = await progress().expect(200);
    expect(response.body.learner).toBe(started.learner.did);
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
      const otherToken = await signIn(started.issuer, other);
      const response = await started.issuer.http
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
      const request = started.issuer.http.get('/learners/me/progress');
      const response = await (authorization
        ? request.set('Authorization', authorization)
        : request);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
  });
});
