import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { correctAnswers, findBadge, loadDefaultCatalog } from '../../src/index.js';
import type { AttemptBody } from '../fixtures/answer-attempt.js';
import {
  answerAttempt,
  signIn,
  signInNewLearner,
  startAttempt,
  startTestIssuer,
  startTime,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';

// Git Basics as shipped: 5 attempts, a 300 s cooldown after an attempt that did not pass.
const git = findBadge(loadDefaultCatalog(), 'git-basics');
const gitKey = correctAnswers(git);

describe('retry limit and cooldown per badge', () => {
  let issuer: TestIssuer;
  const learners: TestLearner[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    expect([git.maxAttempts, git.cooldownSeconds]).toEqual([5, 300]);
  });

  afterAll(async () => {
    await issuer.close();
    for (const learner of learners) learner.close();
  });

  async function newLearner(): Promise<string> {
    const { learner, token } = await signInNewLearner(issuer);
    learners.push(learner);
    return token;
  }

  const start = (token: string) => startAttempt(issuer, token, 'git-basics');
  const answer = (token: string, attemptId: string, answers: Record<string, string>) =>
    answerAttempt(issuer, token, attemptId, answers);

  it('cools down after a fail (429 + Retry-After), then allows the next attempt', async () => {
    issuer.clock.set(startTime);
    const token = await newLearner();
    const first = (await start(token).expect(201)).body as AttemptBody;
    issuer.clock.advance(20_000);
    const failed = await answer(token, first.attemptId, {}).expect(200);
    expect(failed.body).toMatchObject({
      passed: false,
      attemptsLeft: 4,
      nextAttemptAt: '2030-01-15T10:05:20.000Z',
    });

    const refused = await start(token);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('300');
    expect(refused.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: 'the next attempt at Git Basics can start at 2030-01-15T10:05:20.000Z (in 300 s)',
    });

    issuer.clock.advance(299_500);
    const almost = await start(token);
    expect(almost.status).toBe(429);
    expect(almost.headers['retry-after']).toBe('1');

    issuer.clock.advance(500);
    const second = await start(token).expect(201);
    expect(second.body).toMatchObject({ attemptNumber: 2, attemptsLeft: 3 });
  });

  it('counts an abandoned attempt and cools down from its start', async () => {
    issuer.clock.set(startTime);
    const token = await newLearner();
    await start(token).expect(201);
    const again = await start(token);
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('300');
    issuer.clock.advance(300_000);
    expect((await start(token).expect(201)).body.attemptNumber).toBe(2);
  });

  it('refuses a start once every attempt is used (409), saying so', async () => {
    issuer.clock.set(startTime);
    const token = await newLearner();
    for (let number = 1; number <= 5; number += 1) {
      const attempt = (await start(token).expect(201)).body as AttemptBody;
      expect(attempt).toMatchObject({ attemptNumber: number, attemptsLeft: 5 - number });
      const graded = await answer(token, attempt.attemptId, {}).expect(200);
      expect(graded.body.attemptsLeft).toBe(5 - number);
      expect(graded.body.nextAttemptAt).toEqual(number === 5 ? null : expect.any(String));
      issuer.clock.advance(300_000);
    }
    const refused = await start(token);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: 'CONFLICT',
      message: 'no attempts left at Git Basics: all 5 have been used',
    });
    // Waiting doesn't bring attempts back.
    issuer.clock.advance(365 * 24 * 3600 * 1000);
    const later = await signIn(issuer, learners.at(-1) as TestLearner);
    expect((await start(later)).status).toBe(409);
  });

  it('lets a learner who holds the badge start again at once, returning the same credential', async () => {
    issuer.clock.set(startTime);
    const token = await newLearner();
    const first = (await start(token).expect(201)).body as AttemptBody;
    const passed = await answer(token, first.attemptId, gitKey).expect(200);
    expect(passed.body).toMatchObject({ passed: true, nextAttemptAt: null, attemptsLeft: 4 });
    const failedAgain = (await start(token).expect(201)).body as AttemptBody;
    await answer(token, failedAgain.attemptId, {}).expect(200);
    const third = (await start(token).expect(201)).body as AttemptBody;
    const passedAgain = await answer(token, third.attemptId, gitKey).expect(200);
    expect(passedAgain.body.verifiableCredential).toEqual(passed.body.verifiableCredential);
  });

  it('lets a learner earn a badge again once it has expired, with a new credential', async () => {
    issuer.clock.set(startTime);
    const token = await newLearner();
    const first = (await start(token).expect(201)).body as AttemptBody;
    const earned = (await answer(token, first.attemptId, gitKey).expect(200)).body
      .verifiableCredential as { id: string; expirationDate: string };
    expect(earned.expirationDate).toBe('2032-01-15T10:00:00.000Z');

    // Git Basics lasts 730 days; from the second it expires, the learner holds nothing.
    issuer.clock.set('2032-01-15T10:00:00.000Z');
    const later = await signIn(issuer, learners.at(-1) as TestLearner);
    const progress = await issuer.http
      .get('/learners/me/progress')
      .set('Authorization', `Bearer ${later}`)
      .expect(200);
    expect(
      (progress.body.badges as { badge: string }[]).find((badge) => badge.badge === 'git-basics'),
    ).toMatchObject({ earned: false, credentialId: null, attempts: 0, attemptsLeft: 5 });

    const renewal = (await start(later).expect(201)).body as AttemptBody;
    expect(renewal).toMatchObject({ attemptNumber: 2, attemptsLeft: 4 });
    const renewed = (await answer(later, renewal.attemptId, gitKey).expect(200)).body
      .verifiableCredential as { id: string; expirationDate: string };
    expect(renewed.id).not.toBe(earned.id);
    expect(renewed.expirationDate).toBe('2034-01-14T10:00:00.000Z');
    // The expired badge stays on record (an admin can still list and revoke it).
    expect((await issuer.store.findCredential(earned.id))?.id).toBe(earned.id);

    const again = (await start(later).expect(201)).body as AttemptBody;
    const passedAgain = await answer(later, again.attemptId, gitKey).expect(200);
    expect(passedAgain.body.verifiableCredential.id).toBe(renewed.id);
  });

  it('starts exactly one attempt when many starts race', async () => {
    issuer.clock.set(startTime);
    const token = await newLearner();
    const responses = await Promise.all(Array.from({ length: 8 }, () => start(token)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.every((status) => status === 201 || status === 409 || status === 429)).toBe(
      true,
    );
    const learner = learners.at(-1) as TestLearner;
    expect(await issuer.store.listAttempts(learner.did, 'git-basics')).toHaveLength(1);
  });
});
