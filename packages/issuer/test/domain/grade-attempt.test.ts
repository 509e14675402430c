import { describe, expect, it } from '@jest/globals';
import { correctAnswers, defaultCatalog, findBadge, gradeAttempt } from '../../src/index.js';

const git = findBadge(defaultCatalog, 'git-basics');
const history = findBadge(defaultCatalog, 'russian-history-1');
const gitKey = correctAnswers(git);
const historyKey = correctAnswers(history);

/** The key with the first `wrong` answers replaced by a wrong choice. */
function withWrong(key: Record<string, string>, wrong: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(key).map(([taskId, choiceId], index) => [
      taskId,
      index < wrong ? (choiceId === 'a' ? 'b' : 'a') : choiceId,
    ]),
  );
}

describe('gradeAttempt', () => {
  it('scores all right as 100 and passes', () => {
    expect(gradeAttempt(git, gitKey)).toEqual({ correct: 4, total: 4, score: 100, passed: true });
  });

  it('passes at exactly the minimum score', () => {
    expect(gradeAttempt(git, withWrong(gitKey, 1))).toEqual({
      correct: 3,
      total: 4,
      score: 75,
      passed: true,
    });
    expect(gradeAttempt(history, withWrong(historyKey, 2))).toEqual({
      correct: 8,
      total: 10,
      score: 80,
      passed: true,
    });
  });

  it('fails below the minimum score', () => {
    expect(gradeAttempt(git, withWrong(gitKey, 2))).toEqual({
      correct: 2,
      total: 4,
      score: 50,
      passed: false,
    });
    expect(gradeAttempt(history, withWrong(historyKey, 3))).toEqual({
      correct: 7,
      total: 10,
      score: 70,
      passed: false,
    });
  });

  it('counts unanswered questions as wrong', () => {
    expect(gradeAttempt(git, {})).toEqual({ correct: 0, total: 4, score: 0, passed: false });
    const { q4: _q4, ...threeOfFour } = gitKey;
    expect(gradeAttempt(git, threeOfFour)).toMatchObject({ correct: 3, score: 75, passed: true });
  });

  it('rounds the score to an integer percent', () => {
    const badge = { ...git, tasks: git.tasks.slice(0, 3), passRule: { minScore: 60 } };
    expect(gradeAttempt(badge, { q1: gitKey['q1'] as string, q2: gitKey['q2'] as string })).toEqual(
      {
        correct: 2,
        total: 3,
        score: 67,
        passed: true,
      },
    );
  });

  it.each([
    [{ q5: 'a' }, 'answers.q5: no such task in git-basics'],
    [{ q1: 'e' }, 'answers.q1: no choice "e"'],
    [{ ['__proto__']: 'a' }, 'answers.__proto__: no such task in git-basics'],
  ])('refuses %j with VALIDATION_FAILED', (answers, message) => {
    expect(() =>
      gradeAttempt(git, JSON.parse(JSON.stringify(answers)) as Record<string, string>),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message }) as unknown as Error);
  });
});
