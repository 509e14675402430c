import { describe, expect, it } from '@jest/globals';
import { credentialFromJwtPayload, verifyDidJws } from '@skillproof/core';
import { correctAnswers, findBadge, loadDefaultCatalog, type QuizTask } from '../../src/index.js';
import type { AttemptBody } from '../fixtures/answer-attempt.js';
import {
  answerAttempt,
  createTestLearner,
  issuerUrl,
  retryAtWill,
  signIn,
  startedAttempt,
  startTime,
  useIssuerWithLearners,
} from '../fixtures/issuer-harness.js';
import { selectRows } from '../fixtures/select-rows.js';

// The default badges without retry limits or cooldowns, so that these tests can try again at
// will; attempt-limits.test.ts tests the limits.
const atWill = retryAtWill(loadDefaultCatalog());
const { catalog } = atWill;
const gitBasics = findBadge(catalog, 'git-basics');
const gitKey = correctAnswers(gitBasics);

describe('micro-test attempts (POST /attempts, POST /attempts/:id/answers)', () => {
  const setup = useIssuerWithLearners(atWill);

  const start = (badge: string, as = setup.token) => startedAttempt(setup.issuer, as, badge);

  function answer(attemptId: string, answers: unknown, as = setup.token) {
    return answerAttempt(setup.issuer, as, attemptId, answers);
  }

  it('starts an attempt with the tasks, its number and the attempts left', async () => {
    const attempt = await start('git-basics', setup.otherToken);
    expect(attempt).toMatchObject({
      attemptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      badge: 'git-basics',
      expiresAt: '2030-01-15T10:30:00.000Z',
      attemptNumber: 1,
      attemptsLeft: 999,
    });
    expect(Object.keys(attempt).sort()).toEqual([
      'attemptId',
      'attemptNumber',
      'attemptsLeft',
      'badge',
      'expiresAt',
      'tasks',
    ]);
    expect(attempt.tasks.map((task) => task.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    for (const task of attempt.tasks) {
      expect(Object.keys(task).sort()).toEqual(['choices', 'id', 'kind', 'prompt']);
      expect(task.kind).toBe('quiz');
    }
    const next = await start('git-basics', setup.otherToken);
    expect(next).toMatchObject({ attemptNumber: 2, attemptsLeft: 998 });
  });

  it('shuffles the choices per attempt but keeps their ids and texts', async () => {
    const history = findBadge(catalog, 'russian-history-1');
    const orders = new Set<string>();
    for (let round = 0; round < 8; round += 1) {
      const attempt = await start('russian-history-1');
      for (const task of attempt.tasks) {
        if (task.kind !== 'quiz') throw new Error('expected quiz tasks');
        const original = history.tasks.find((candidate) => candidate.id === task.id) as QuizTask;
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        expect([...task.choices].sort(byId)).toEqual(
          original.choices.map((choice) => ({ id: choice.id, text: choice.text })),
        );
      }
      orders.add(
        JSON.stringify(
          attempt.tasks.map((task) => (task.kind === 'quiz' ? task.choices.map((c) => c.id) : [])),
        ),
      );
    }
    // 8 attempts of 10 questions with 4 choices each: identical orders by chance are ~impossible.
    expect(orders.size).toBeGreaterThan(1);
  });

  it("gives puzzles the learner's own input, the same in every attempt", async () => {
    const first = await start('python-problems-1');
    const again = await start('python-problems-1');
    const theirs = await start('python-problems-1', setup.otherToken);
    const inputs = (attempt: AttemptBody) =>
      attempt.tasks.map((task) => (task.kind === 'puzzle' ? task.input : undefined));
    expect(inputs(first).every((input) => typeof input === 'string' && input.length > 0)).toBe(
      true,
    );
    expect(inputs(again)).toEqual(inputs(first));
    expect(inputs(theirs)).not.toEqual(inputs(first));
    expect(first.tasks[0]).toEqual({
      id: 'p1',
      kind: 'puzzle',
      prompt: expect.stringContaining('Python list of 40 integers'),
      answerFormat: 'an integer, e.g. -135',
      input: expect.stringMatching(/^\[-?\d+(, -?\d+){39}\]$/),
    });
  });

  it('awards the badge on a pass: a JWT VC (the default format) for the learner DID, signed by the issuer', async () => {
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
      attemptsLeft: 1000 - attempt.attemptNumber,
      nextAttemptAt: null,
      format: 'jwt_vc_json',
      award: 'issued',
    });
    const vc = response.body.verifiableCredential;
    expect(vc.proof.type).toBe('JwtProof2020');
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.credentialSubject).toMatchObject({
      id: setup.learner.did,
      type: 'AchievementSubject',
      achievement: {
        id: `${issuerUrl}/achievements/git-basics`,
        type: 'Achievement',
        name: 'Git Basics',
        image: { id: `${issuerUrl}/badges/git-basics/image.svg`, type: 'Image' },
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'Version control with Git',
            targetUrl: `${issuerUrl}/skills/version-control`,
          },
        ],
      },
    });

    const verified = verifyDidJws(vc.proof.jwt);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.did).toBe(setup.issuer.identifier.did);
    const { proof: _proof, ...json } = vc;
    expect(credentialFromJwtPayload(verified.decoded.payload)).toEqual(json);

    // Committed before the response.
    const stored = await setup.issuer.store.findCredential(json.id);
    expect(stored).toMatchObject({
      subjectDid: setup.learner.did,
      achievementId: `${issuerUrl}/achievements/git-basics`,
      attemptId: attempt.attemptId,
      jwt: vc.proof.jwt,
    });
  });

  it('returns the same credential when the learner passes again', async () => {
    const first = await answer((await start('git-basics')).attemptId, gitKey);
    const second = await answer((await start('git-basics')).attemptId, gitKey);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.score).toBe(100);
    expect(second.body.verifiableCredential).toEqual(first.body.verifiableCredential);
    expect(second.body).toMatchObject({ format: 'jwt_vc_json', award: 'kept' });
    const [count] = await selectRows<{ n: number }>(
      setup.issuer.db,
      'SELECT COUNT(*) AS n FROM issuer_credentials WHERE subject_did = ?',
      setup.learner.did,
    );
    expect(count?.n).toBe(1);
  });

  it('awards nothing on a fail', async () => {
    const attempt = await start('git-basics', setup.otherToken);
    const response = await answer(
      attempt.attemptId,
      { q1: gitKey['q1'], q2: 'd' },
      setup.otherToken,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      attemptId: attempt.attemptId,
      badge: 'git-basics',
      passed: false,
      score: 25,
      correct: 1,
      total: 4,
      attemptsLeft: 1000 - attempt.attemptNumber,
      nextAttemptAt: null,
    });
    expect(
      await setup.issuer.store.findAwardedCredential(
        setup.other.did,
        `${issuerUrl}/achievements/git-basics`,
      ),
    ).toBeUndefined();
    expect(await setup.issuer.store.findAttempt(attempt.attemptId)).toMatchObject({
      passed: false,
      score: 25,
      credentialId: null,
    });
  });

  it('keeps the submitted answers for grading history only', async () => {
    const attempt = await start('sql-basics', setup.otherToken);
    await answer(attempt.attemptId, { q1: 'distinct', q2: 'a' }, setup.otherToken).expect(200);
    const [row] = await selectRows<{ answers_json: string }>(
      setup.issuer.db,
      'SELECT answers_json FROM issuer_attempts WHERE id = ?',
      attempt.attemptId,
    );
    expect(JSON.parse(row?.answers_json ?? 'null')).toEqual({ q1: 'distinct', q2: 'a' });
    expect(
      Object.keys((await setup.issuer.store.findAttempt(attempt.attemptId)) ?? {}),
    ).not.toContain('answers');
  });

  it('grades an attempt only once (409)', async () => {
    const attempt = await start('git-basics', setup.otherToken);
    await answer(attempt.attemptId, {}, setup.otherToken).expect(200);
    const again = await answer(attempt.attemptId, gitKey, setup.otherToken);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(
      await setup.issuer.store.findAwardedCredential(
        setup.other.did,
        `${issuerUrl}/achievements/git-basics`,
      ),
    ).toBeUndefined();
  });

  it('grades one of many concurrent submissions of the same attempt, and stores one badge', async () => {
    const third = await createTestLearner();
    try {
      const thirdToken = await signIn(setup.issuer, third);
      const attempt = await start('git-basics', thirdToken);
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => answer(attempt.attemptId, gitKey, thirdToken)),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409]);
      const [count] = await selectRows<{ n: number }>(
        setup.issuer.db,
        'SELECT COUNT(*) AS n FROM issuer_credentials WHERE subject_did = ?',
        third.did,
      );
      expect(count?.n).toBe(1);
    } finally {
      third.close();
    }
  });

  it("refuses answers to another learner's attempt (403)", async () => {
    const attempt = await start('git-basics');
    const response = await answer(attempt.attemptId, gitKey, setup.otherToken);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses answers after the attempt expired (409)', async () => {
    const attempt = await start('git-basics');
    setup.issuer.clock.advance(30 * 60 * 1000);
    try {
      const response = await answer(attempt.attemptId, gitKey);
      expect(response.status).toBe(409);
      expect(response.body.error).toEqual({
        code: 'CONFLICT',
        message: 'this attempt has expired; start a new one',
      });
    } finally {
      setup.issuer.clock.set(startTime);
    }
  });

  it('answers 404 for an unknown attempt or badge', async () => {
    const unknownAttempt = await answer('00000000-0000-4000-8000-000000000000', gitKey);
    expect(unknownAttempt.status).toBe(404);
    expect(unknownAttempt.body.error.code).toBe('NOT_FOUND');
    const unknownBadge = await setup.issuer.http
      .post('/attempts')
      .set('Authorization', `Bearer ${setup.token}`)
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
    ['an answer over 256 characters', { q1: 'a'.repeat(257) }],
    ['over 100 answers', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`t${i}`, 'a']))],
  ])('refuses answers that are %s (400) and leaves the attempt open', async (_name, answers) => {
    const attempt = await start('git-basics');
    const response = await answer(attempt.attemptId, answers);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(await setup.issuer.store.findAttempt(attempt.attemptId)).toMatchObject({
      gradedAt: null,
    });
    await answer(attempt.attemptId, {}).expect(200);
  });

  it.each([
    ['no badge', {}],
    ['a badge that is not a string', { badge: 7 }],
    ['a badge name over 128 characters', { badge: 'x'.repeat(129) }],
  ])('refuses a start with %s (400), starting nothing', async (_name, body) => {
    const before = await setup.issuer.store.listAttempts(setup.learner.did);
    const response = await setup.issuer.http
      .post('/attempts')
      .set('Authorization', `Bearer ${setup.token}`)
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(await setup.issuer.store.listAttempts(setup.learner.did)).toHaveLength(before.length);
  });

  it('requires a valid session (401)', async () => {
    const attempt = await start('git-basics');
    for (const authorization of [undefined, 'Bearer not-a-session-token', `Basic ${setup.token}`]) {
      const post = setup.issuer.http.post('/attempts');
      const started = await (authorization ? post.set('Authorization', authorization) : post).send({
        badge: 'git-basics',
      });
      expect(started.status).toBe(401);
      expect(started.body.error.code).toBe('UNAUTHORIZED');
      const answers = setup.issuer.http.post(`/attempts/${attempt.attemptId}/answers`);
      const answered = await (
        authorization ? answers.set('Authorization', authorization) : answers
      ).send({ answers: gitKey });
      expect(answered.status).toBe(401);
    }
  });
});
