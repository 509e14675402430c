import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { credentialFromJwtPayload, verifyDidJws } from '@skillproof/core';
import { correctAnswers, defaultCatalog, findBadge } from '../../src/index.js';
import {
  createTestLearner,
  issuerUrl,
  signIn,
  startTestIssuer,
  startTime,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';

const gitBasics = findBadge(defaultCatalog, 'git-basics');
const gitKey = correctAnswers(gitBasics);

/** Every key anywhere in a JSON value. */
function keysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysIn);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysIn(inner)]);
  }
  return [];
}

describe('micro-test attempts (POST /attempts, POST /attempts/:id/answers)', () => {
  let issuer: TestIssuer;
  let learner: TestLearner;
  let other: TestLearner;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    learner = await createTestLearner();
    other = await createTestLearner();
    token = await signIn(issuer, learner);
    otherToken = await signIn(issuer, other);
  });

  afterAll(async () => {
    await issuer.close();
    learner.close();
    other.close();
  });

  async function start(badge: string, as = token) {
    const response = await issuer.http
      .post('/attempts')
      .set('Authorization', `Bearer ${as}`)
      .send({ badge });
    expect(response.status).toBe(201);
    return response.body as {
      attemptId: string;
      badge: string;
      expiresAt: string;
      tasks: Array<{
        id: string;
        kind: string;
        prompt: string;
        choices: Array<{ id: string; text: string }>;
      }>;
    };
  }

  function answer(attemptId: string, answers: unknown, as = token) {
    return issuer.http
      .post(`/attempts/${attemptId}/answers`)
      .set('Authorization', `Bearer ${as}`)
      .send({ answers });
  }

  it('starts an attempt with the questions and no answers', async () => {
    const attempt = await start('git-basics');
    expect(attempt.attemptId).toMatch(/^[0-9a-f-]{36}$/);
    expect(attempt.badge).toBe('git-basics');
    expect(attempt.expiresAt).toBe('2030-01-15T10:30:00.000Z');
    expect(attempt.tasks.map((task) => task.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    for (const task of attempt.tasks) {
      expect(Object.keys(task).sort()).toEqual(['choices', 'id', 'kind', 'prompt']);
      expect(task.kind).toBe('quiz');
      for (const choice of task.choices) expect(Object.keys(choice).sort()).toEqual(['id', 'text']);
    }
  });

  it('shuffles the choices per attempt but keeps their ids and texts', async () => {
    const orders = new Set<string>();
    for (let round = 0; round < 8; round += 1) {
      const attempt = await start('russian-history-1');
      for (const task of attempt.tasks) {
        const original = findBadge(defaultCatalog, 'russian-history-1').tasks.find(
          (candidate) => candidate.id === task.id,
        );
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        expect([...task.choices].sort(byId)).toEqual(
          original?.choices.map((choice) => ({ id: choice.id, text: choice.text })),
        );
      }
      orders.add(
        JSON.stringify(attempt.tasks.map((task) => task.choices.map((choice) => choice.id))),
      );
    }
    // 8 attempts of 10 questions with 4 choices each: identical orders by chance are ~impossible.
    expect(orders.size).toBeGreaterThan(1);
  });

  it('never sends the answer key (GET /catalog, POST /attempts)', async () => {
    const catalog = await issuer.http.get('/catalog').expect(200);
    const attempt = await start('git-basics');
    for (const body of [catalog.body, attempt]) {
      const keys = keysIn(body);
      for (const forbidden of ['answer', 'answers', 'correct', 'isCorrect', 'solution', 'key']) {
        expect(keys).not.toContain(forbidden);
      }
    }
  });

  it('awards the badge on a pass: a JWT VC for the learner DID, signed by the issuer', async () => {
    const attempt = await start('git-basics');
    const response = await answer(attempt.attemptId, { ...gitKey, q4: 'a' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      attemptId: attempt.attemptId,
      badge: 'git-basics',
      passed: true,
      score: 75,
      correct: 3,
      total: 4,
    });
    const vc = response.body.verifiableCredential;
    expect(vc.proof.type).toBe('JwtProof2020');
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.credentialSubject.id).toBe(learner.did);

    const verified = verifyDidJws(vc.proof.jwt);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.did).toBe(issuer.identifier.did);
    const { proof: _proof, ...json } = vc;
    expect(credentialFromJwtPayload(verified.decoded.payload)).toEqual(json);

    expect(json).toEqual({
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: issuer.identifier.did,
        type: 'Profile',
        name: 'Skillproof Academy',
        url: issuerUrl,
      },
      issuanceDate: '2030-01-15T10:00:00.000Z',
      expirationDate: '2032-01-15T10:00:00.000Z',
      name: 'Git Basics',
      credentialSubject: {
        id: learner.did,
        type: 'AchievementSubject',
        achievement: {
          id: `${issuerUrl}/achievements/git-basics`,
          type: 'Achievement',
          achievementType: 'Badge',
          name: 'Git Basics',
          description: gitBasics.description,
          criteria: { narrative: gitBasics.criteria.narrative },
        },
        result: [{ type: ['Result'], value: '75' }],
      },
      evidence: [
        {
          type: ['Evidence'],
          name: 'Micro-test attempt',
          description: 'Passed 3 of 4 questions',
        },
      ],
    });

    // Committed before the response.
    const stored = await issuer.store.findCredential(json.id);
    expect(stored).toMatchObject({
      subjectDid: learner.did,
      achievementId: `${issuerUrl}/achievements/git-basics`,
      attemptId: attempt.attemptId,
      jwt: vc.proof.jwt,
    });
    expect(stored?.credential).toEqual(vc);
  });

  it('returns the same credential when the learner passes again', async () => {
    const first = await answer((await start('git-basics')).attemptId, gitKey);
    const second = await answer((await start('git-basics')).attemptId, gitKey);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.score).toBe(100);
    expect(second.body.verifiableCredential.id).toBe(first.body.verifiableCredential.id);
    expect(second.body.verifiableCredential).toEqual(first.body.verifiableCredential);
    const count = issuer.db
      .prepare('SELECT COUNT(*) AS n FROM issuer_credentials WHERE subject_did = ?')
      .get(learner.did) as { n: number };
    expect(count.n).toBe(1);
  });

  it('awards nothing on a fail', async () => {
    const attempt = await start('git-basics', otherToken);
    const response = await answer(attempt.attemptId, { q1: gitKey['q1'], q2: 'd' }, otherToken);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      attemptId: attempt.attemptId,
      badge: 'git-basics',
      passed: false,
      score: 25,
      correct: 1,
      total: 4,
    });
    expect(
      await issuer.store.findAwardedCredential(other.did, `${issuerUrl}/achievements/git-basics`),
    ).toBeUndefined();
    expect(await issuer.store.findAttempt(attempt.attemptId)).toMatchObject({
      passed: false,
      score: 25,
      credentialId: null,
    });
  });

  it('grades an attempt only once (409)', async () => {
    const attempt = await start('git-basics', otherToken);
    await answer(attempt.attemptId, {}, otherToken).expect(200);
    const again = await answer(attempt.attemptId, gitKey, otherToken);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(
      await issuer.store.findAwardedCredential(other.did, `${issuerUrl}/achievements/git-basics`),
    ).toBeUndefined();
  });

  it("refuses answers to another learner's attempt (403)", async () => {
    const attempt = await start('git-basics');
    const response = await answer(attempt.attemptId, gitKey, otherToken);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses answers after the attempt expired (409)', async () => {
    const attempt = await start('git-basics');
    issuer.clock.advance(30 * 60 * 1000);
    try {
      const response = await answer(attempt.attemptId, gitKey);
      expect(response.status).toBe(409);
      expect(response.body.error).toEqual({
        code: 'CONFLICT',
        message: 'this attempt has expired; start a new one',
      });
    } finally {
      issuer.clock.set(startTime);
    }
  });

  it('answers 404 for an unknown attempt or badge', async () => {
    const unknownAttempt = await answer('00000000-0000-4000-8000-000000000000', gitKey);
    expect(unknownAttempt.status).toBe(404);
    expect(unknownAttempt.body.error.code).toBe('NOT_FOUND');
    const unknownBadge = await issuer.http
      .post('/attempts')
      .set('Authorization', `Bearer ${token}`)
      .send({ badge: 'underwater-basket-weaving' });
    expect(unknownBadge.status).toBe(404);
    expect(unknownBadge.body.error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a string', 'q1=a'],
    ['an array', ['a', 'b']],
    ['an object of numbers', { q1: 1 }],
    ['null', null],
    ['an unknown task', { q9: 'a' }],
    ['an unknown choice', { q1: 'z' }],
  ])('refuses answers that are %s (400) and leaves the attempt open', async (_name, answers) => {
    const attempt = await start('git-basics');
    const response = await answer(attempt.attemptId, answers);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    await answer(attempt.attemptId, {}).expect(200);
  });

  it('requires a valid session (401)', async () => {
    const attempt = await start('git-basics');
    for (const authorization of [undefined, 'Bearer not-a-session-token', `Basic ${token}`]) {
      const post = issuer.http.post('/attempts');
      const started = await (authorization ? post.set('Authorization', authorization) : post).send({
        badge: 'git-basics',
      });
      expect(started.status).toBe(401);
      expect(started.body.error.code).toBe('UNAUTHORIZED');
      const answers = issuer.http.post(`/attempts/${attempt.attemptId}/answers`);
      const answered = await (
        authorization ? answers.set('Authorization', authorization) : answers
      ).send({
        answers: gitKey,
      });
      expect(answered.status).toBe(401);
    }
  });
});
