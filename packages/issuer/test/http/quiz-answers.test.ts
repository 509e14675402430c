import { describe, expect, it } from '@jest/globals';
import { findBadge, loadDefaultCatalog, type Badge, type QuizTask } from '../../src/index.js';
import { retryAtWill, startedAttempt, useIssuerWithLearners } from '../fixtures/issuer-harness.js';

// Quiz choices travel as ids in a fresh order per attempt, and answers are graded by those ids;
// an answer object is read key by key, whatever the keys are called.
const defaults = loadDefaultCatalog();
const git = findBadge(defaults, 'git-basics');
const quiz = (id: string): QuizTask => ({
  ...(git.tasks[0] as QuizTask),
  id,
  answer: 'b',
});
// Task ids the catalogue schema allows that are also names of Object.prototype's members.
const objectWords: Badge = {
  ...git,
  id: 'object-words',
  name: 'Object Words',
  passRule: { kind: 'all' },
  tasks: [quiz('constructor'), quiz('toString'), quiz('hasOwnProperty')],
};
const atWill = retryAtWill({ ...defaults, badges: [...defaults.badges, objectWords] });
const { catalog } = atWill;

describe('quiz choices and answer keys', () => {
  const started = useIssuerWithLearners(atWill);

  const start = (badge: string) => startedAttempt(started.issuer, started.token, badge);

  /** Answers sent as this exact JSON text, as a client's bytes arrive. */
  const answerRaw = (attemptId: string, json: string) =>
    started.issuer.http
      .post(`/attempts/${attemptId}/answers`)
      .set('Authorization', `Bearer ${started.token}`)
      .set('Content-Type', 'application/json')
      .send(json);

  it('shows each question’s choices as {id, text} in an order that changes between attempts', async () => {
    const history = findBadge(catalog, 'russian-history-1');
    const orders = new Map<string, Set<string>>();
    const rightAt = new Map<string, Set<number>>();
    for (let round = 0; round < 12; round += 1) {
      for (const shown of (await start(history.id)).tasks) {
        if (shown.kind !== 'quiz') throw new Error('expected a quiz');
        const task = history.tasks.find((candidate) => candidate.id === shown.id) as QuizTask;
        for (const choice of shown.choices)
          expect(Object.keys(choice).sort()).toEqual(['id', 'text']);
        const ids = shown.choices.map((choice) => choice.id);
        expect([...ids].sort()).toEqual(task.choices.map((choice) => choice.id).sort());
        orders.set(shown.id, (orders.get(shown.id) ?? new Set()).add(ids.join()));
        rightAt.set(shown.id, (rightAt.get(shown.id) ?? new Set()).add(ids.indexOf(task.answer)));
      }
    }
    // 12 orders of 4 choices, all alike by chance: (1/24)^11 per question.
    for (const task of history.tasks) {
      const seen = {
        orders: orders.get(task.id)?.size ?? 0,
        rightAt: rightAt.get(task.id)?.size ?? 0,
      };
      expect([task.id, seen.orders > 1, seen.rightAt > 1]).toEqual([task.id, true, true]);
    }
  });

  it('grades a quiz answer by the choice id, wherever the choice was shown', async () => {
    const attempt = await start(git.id);
    const answers = Object.fromEntries(
      git.tasks.map((task) => [task.id, (task as QuizTask).answer]),
    );
    const graded = await answerRaw(attempt.attemptId, JSON.stringify({ answers })).expect(200);
    expect(graded.body).toMatchObject({ correct: 4, passed: true });

    // A position is not a choice id.
    const byPosition = await start(git.id);
    const refused = await answerRaw(byPosition.attemptId, '{"answers":{"q1":"0"}}');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: "answers.q1: not one of the task's choice ids",
    });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'grades an answer keyed %s like any other unknown task: 400, the attempt still open',
    async (key) => {
      const attempt = await start(git.id);
      for (const value of ['"b"', '{"polluted":"yes"}', '["b"]']) {
        const response = await answerRaw(attempt.attemptId, `{"answers":{"${key}":${value}}}`);
        expect(response.status).toBe(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
        expect(response.body.error.message).toMatch(new RegExp(`^answers\\.${key}: `));
      }
      const unknown = await answerRaw(attempt.attemptId, `{"answers":{"${key}":"b"}}`);
      expect(unknown.body.error.message).toBe(`answers.${key}: no such task in git-basics`);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(await started.issuer.store.findAttempt(attempt.attemptId)).toMatchObject({
        gradedAt: null,
      });
      const graded = await answerRaw(attempt.attemptId, '{"answers":{}}').expect(200);
      expect(graded.body).toMatchObject({ correct: 0, passed: false });
    },
  );

  it('grades tasks named after Object.prototype members by their own answers, never by inheritance', async () => {
    const nothing = await answerRaw((await start(objectWords.id)).attemptId, '{"answers":{}}');
    expect(nothing.status).toBe(200);
    expect(nothing.body).toMatchObject({ correct: 0, total: 3, passed: false });

    const one = await answerRaw(
      (await start(objectWords.id)).attemptId,
      '{"answers":{"constructor":"b","toString":"a"}}',
    );
    expect(one.body).toMatchObject({ correct: 1, passed: false });

    const all = await answerRaw(
      (await start(objectWords.id)).attemptId,
      '{"answers":{"constructor":"b","toString":"b","hasOwnProperty":"b"}}',
    );
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ correct: 3, total: 3, passed: true });
  });
});
