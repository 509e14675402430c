import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  correctAnswers,
  findBadge,
  loadDefaultCatalog,
  normalizeAnswer,
  type QuizTask,
} from '../../src/index.js';
import { rightAnswers, type AttemptBody } from '../fixtures/answer-attempt.js';
import {
  answerAttempt,
  createTestLearner,
  puzzleSecret,
  signIn,
  signInNewLearner,
  startAttempt,
  startTestIssuer,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';

const catalog = loadDefaultCatalog();

/** Every key anywhere in a JSON value. */
function keysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysIn);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysIn(inner)]);
  }
  return [];
}

/** Every string anywhere in a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * Matches `text` as a whole token only: a 4-digit puzzle answer may well occur inside a UUID
 * or a DID by chance, which is no leak.
 */
function wholeToken(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^0-9A-Za-z])${escaped}($|[^0-9A-Za-z])`);
}

// (`correct` is not among them: a grade reports how many tasks were right, as a number.)
const forbiddenKeys = [
  'answer',
  'answers',
  'acceptedAnswers',
  'isCorrect',
  'solution',
  'key',
  'generator',
  'seed',
];

describe('no answer key or submitted answers in responses or logs', () => {
  let issuer: TestIssuer;
  let learner: TestLearner;
  let token: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const capture = (level: string) => (message: string, fields?: object) => {
      logLines.push(JSON.stringify({ level, message, ...fields }));
    };
    issuer = await startTestIssuer({ log: { info: capture('info'), error: capture('error') } });
    ({ learner, token } = await signInNewLearner(issuer));
  });

  afterAll(async () => {
    await issuer.close();
    learner.close();
  });

  /**
   * Every quiz choice's text: public, shown to every learner. A learner's random puzzle answer
   * can equal one (a year in the history quiz, a status code in the HTTP one); that text in a
   * response is the choice, not a leaked answer.
   */
  const publicChoiceTexts = new Set(
    catalog.badges.flatMap((badge) =>
      badge.tasks.flatMap((task) =>
        task.kind === 'quiz' ? task.choices.map((choice) => normalizeAnswer(choice.text)) : [],
      ),
    ),
  );

  /** The free-text answers this learner could give: short answers, and their own puzzle answers. */
  function secretAnswers(): string[] {
    return catalog.badges.flatMap((badge) =>
      badge.tasks.flatMap((task) => {
        if (task.kind === 'short-answer') return task.acceptedAnswers;
        if (task.kind === 'puzzle') {
          const answer = correctAnswers(badge, { learnerDid: learner.did, puzzleSecret })[task.id];
          return answer === undefined || publicChoiceTexts.has(normalizeAnswer(answer))
            ? []
            : [answer];
        }
        return [];
      }),
    );
  }

  function expectNoAnswers(body: unknown): void {
    const keys = keysIn(body);
    for (const forbidden of forbiddenKeys) expect(keys).not.toContain(forbidden);
    const strings = new Set(stringsIn(body).map(normalizeAnswer));
    for (const answer of secretAnswers()) expect(strings).not.toContain(normalizeAnswer(answer));
  }

  it('GET /catalog, /achievements, /skills hold no answers', async () => {
    expectNoAnswers((await issuer.http.get('/catalog').expect(200)).body);
    expectNoAnswers((await issuer.http.get('/skills').expect(200)).body);
    for (const badge of catalog.badges) {
      expectNoAnswers((await issuer.http.get(`/achievements/${badge.id}`).expect(200)).body);
    }
  });

  it('GET /catalog/:id/practice holds practice answers only, never a graded one', async () => {
    for (const badge of catalog.badges) {
      const body = (await issuer.http.get(`/catalog/${badge.id}/practice`).expect(200)).body;
      const strings = new Set(stringsIn(body).map(normalizeAnswer));
      for (const answer of secretAnswers()) expect(strings).not.toContain(normalizeAnswer(answer));
      expect(keysIn(body)).not.toContain('generator');
    }
  });

  it('attempts, their grades and progress hold no answers, and nothing is logged of them', async () => {
    const submitted: string[] = [];
    for (const badge of catalog.badges) {
      const started = await startAttempt(issuer, token, badge.id).expect(201);
      expectNoAnswers(started.body);
      const answers = rightAnswers(badge, started.body as AttemptBody);
      submitted.push(...Object.values(answers));
      const graded = await answerAttempt(issuer, token, started.body.attemptId, answers).expect(
        200,
      );
      expect(graded.body.passed).toBe(true);
      expectNoAnswers({ ...graded.body, verifiableCredential: undefined });
      // The credential summarises the attempt; it never repeats the answers.
      const evidence = JSON.stringify(graded.body.verifiableCredential.evidence);
      for (const answer of secretAnswers()) {
        if (answer.length >= 4) expect(wholeToken(answer).test(evidence)).toBe(false);
      }
    }
    expectNoAnswers(
      (
        await issuer.http
          .get('/learners/me/progress')
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      ).body,
    );

    expect(logLines.length).toBeGreaterThan(0);
    const logged = logLines.join('\n');
    expect(logged).not.toMatch(/"answers?"/);
    // Answers long enough not to match by chance (puzzle answers, multi-letter words).
    for (const answer of new Set(submitted)) {
      if (answer.length >= 4) expect(wholeToken(answer).test(logged)).toBe(false);
    }
  });

  it('never marks the right quiz choice by its position', async () => {
    const history = findBadge(catalog, 'russian-history-1');
    const positions = new Set<number>();
    const other = await createTestLearner();
    try {
      const otherToken = await signIn(issuer, other);
      const started = await issuer.http
        .post('/attempts')
        .set('Authorization', `Bearer ${otherToken}`)
        .send({ badge: history.id })
        .expect(201);
      for (const shown of (started.body as AttemptBody).tasks) {
        const task = history.tasks.find((candidate) => candidate.id === shown.id) as QuizTask;
        if (shown.kind !== 'quiz') throw new Error('expected a quiz');
        positions.add(shown.choices.findIndex((choice) => choice.id === task.answer));
      }
    } finally {
      other.close();
    }
    expect(positions.size).toBeGreaterThan(1);
  });

  it('does not repeat a wrong answer back in an error', async () => {
    const started = await startAttempt(issuer, token, 'git-basics').expect(201);
    const response = await answerAttempt(issuer, token, started.body.attemptId, {
      q1: 'my-secret-guess',
    }).expect(400);
    expect(JSON.stringify(response.body)).not.toContain('my-secret-guess');
  });
});
