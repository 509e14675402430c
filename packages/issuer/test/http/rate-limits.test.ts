import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@skillproof/server/sqlite';
import { createTestClock } from '@skillproof/testing';
import {
  createTestLearner,
  signIn,
  startTestIssuer,
  startTime,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';

describe('rate limits (429 with Retry-After)', () => {
  describe('sign-in requests, per client address', () => {
    let issuer: TestIssuer;
    let learner: TestLearner;

    beforeAll(async () => {
      issuer = await startTestIssuer({ rateLimits: { auth: { limit: 3, windowMs: 60_000 } } });
      learner = await createTestLearner();
    });

    afterAll(async () => {
      await issuer.close();
      learner.close();
    });

    it('counts /auth/challenge and /auth/token together, then lets the window reset', async () => {
      const challenge = await issuer.http
        .post('/auth/challenge')
        .send({ did: learner.did })
        .expect(201);
      await issuer.http.post('/auth/challenge').send({ did: learner.did }).expect(201);
      const presentation = await learner.presentation(challenge.body.challenge);
      await issuer.http.post('/auth/token').send({ presentation }).expect(201);

      issuer.clock.advance(15_000);
      for (const request of [
        issuer.http.post('/auth/challenge').send({ did: learner.did }),
        issuer.http.post('/auth/token').send({ presentation: 'x.y.z' }),
        // Refused before the body is even read.
        issuer.http.post('/auth/challenge').send({ nonsense: true }),
      ]) {
        const refused = await request;
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toBe('45');
        expect(refused.body.error).toEqual({
          code: 'RATE_LIMITED',
          message: 'too many sign-in requests: try again in 45 s',
        });
      }

      issuer.clock.advance(45_000);
      await issuer.http.post('/auth/challenge').send({ did: learner.did }).expect(201);
    });
  });

  describe('attempt requests, per learner DID', () => {
    let issuer: TestIssuer;
    let learner: TestLearner;
    let other: TestLearner;

    beforeAll(async () => {
      issuer = await startTestIssuer({
        rateLimits: { attempts: { limit: 2, windowMs: 10 * 60_000 } },
      });
      learner = await createTestLearner();
      other = await createTestLearner();
    });

    afterAll(async () => {
      await issuer.close();
      learner.close();
      other.close();
    });

    it('counts starts and answers together, for each learner on their own', async () => {
      const token = await signIn(issuer, learner);
      const bearer = `Bearer ${token}`;
      const started = await issuer.http
        .post('/attempts')
        .set('Authorization', bearer)
        .send({ badge: 'sql-basics' })
        .expect(201);
      await issuer.http
        .post(`/attempts/${started.body.attemptId}/answers`)
        .set('Authorization', bearer)
        .send({ answers: {} })
        .expect(200);

      issuer.clock.advance(60_000);
      const refused = await issuer.http
        .post('/attempts')
        .set('Authorization', bearer)
        .send({ badge: 'git-basics' });
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('540');
      expect(refused.body.error).toEqual({
        code: 'RATE_LIMITED',
        message: 'too many attempt requests: try again in 540 s',
      });
      expect(await issuer.store.listAttempts(learner.did, 'git-basics')).toEqual([]);

      // Another learner from the same address is not affected.
      const otherToken = await signIn(issuer, other);
      await issuer.http
        .post('/attempts')
        .set('Authorization', `Bearer ${otherToken}`)
        .send({ badge: 'git-basics' })
        .expect(201);

      issuer.clock.advance(540_000);
      await issuer.http
        .post('/attempts')
        .set('Authorization', bearer)
        .send({ badge: 'git-basics' })
        .expect(201);
    });
  });

  describe('counted in the issuer database, shared by every app on it', () => {
    let dir: string;
    let first: TestIssuer;
    let second: TestIssuer;
    let learner: TestLearner;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'skillproof-issuer-limits-'));
      const path = join(dir, 'issuer.db');
      // Two issuers (as two processes would be) on one SQLite file, on one clock.
      const clock = createTestClock(startTime);
      const rateLimits = { auth: { limit: 3, windowMs: 60_000 } };
      first = await startTestIssuer({ db: openDatabase(path), clock, rateLimits });
      second = await startTestIssuer({ db: openDatabase(path), clock, rateLimits });
      learner = await createTestLearner();
    });

    afterAll(async () => {
      await first.close();
      await second.close();
      learner.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses the fourth sign-in request of a minute, whichever app took the first three', async () => {
      const challenge = (issuer: TestIssuer) =>
        issuer.http.post('/auth/challenge').send({ did: learner.did });
      await challenge(first).expect(201);
      await challenge(second).expect(201);
      await challenge(first).expect(201);
      for (const issuer of [second, first]) {
        const refused = await challenge(issuer);
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toBe('60');
      }
      first.clock.advance(60_000);
      await challenge(second).expect(201);
    });
  });
});
