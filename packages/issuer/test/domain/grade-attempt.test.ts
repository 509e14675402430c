import { describe, expect, it } from '@jest/globals';
import {
  correctAnswers,
  findBadge,
  gradeAttempt,
  loadDefaultCatalog,
  normalizeAnswer,
  type Badge,
} from '../../src/index.js';

const catalog = loadDefaultCatalog();
const git = findBadge(catalog, 'git-basics');
const history = findBadge(catalog, 'russian-history-1');
const sql = findBadge(catalog, 'sql-basics');
const http = findBadge(catalog, 'http-basics');
const python = findBadge(catalog, 'python-problems-1');
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

describe('normalizeAnswer', () => {
  it.each([
    ['  Peter   THE\tGreat \n', 'peter the great'],
    ['ＳＥＬＥＣＴ', 'select'],
    ['ﬁle', 'file'],
    ['１８６１', '1861'],
    ['', ''],
  ])('%j -> %j', (given, expected) => {
    expect(normalizeAnswer(given)).toBe(expected);
  });
});

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
    expect(gradeAttempt(git, withWrong(gitKey, 2))).toMatchObject({ score: 50, passed: false });
    expect(gradeAttempt(history, withWrong(historyKey, 3))).toMatchObject({
      correct: 7,
      score: 70,
      passed: false,
    });
  });

  it('needs every task right under the pass rule "all"', () => {
    const key = correctAnswers(http);
    expect(http.passRule).toEqual({ kind: 'all' });
    expect(gradeAttempt(http, key)).toMatchObject({ correct: 6, score: 100, passed: true });
    expect(gradeAttempt(http, { ...key, q1: '403' })).toMatchObject({
      correct: 5,
      score: 83,
      passed: false,
    });
  });

  it('counts unanswered tasks as wrong', () => {
    expect(gradeAttempt(git, {})).toEqual({ correct: 0, total: 4, score: 0, passed: false });
    const { q4: _q4, ...threeOfFour } = gitKey;
    expect(gradeAttempt(git, threeOfFour)).toMatchObject({ correct: 3, score: 75, passed: true });
  });

  it('rounds the score to an integer percent', () => {
    const badge: Badge = {
      ...git,
      tasks: git.tasks.slice(0, 3),
      passRule: { kind: 'min-score', minScore: 60 },
    };
    expect(gradeAttempt(badge, { q1: gitKey['q1'] as string, q2: gitKey['q2'] as string })).toEqual(
      { correct: 2, total: 3, score: 67, passed: true },
    );
  });

  it('matches short answers after normalisation, and any accepted answer', () => {
    const key = correctAnswers(sql);
    const answers = { ...key, q1: '  distinct ', q4: 'count(*)', q6: 'INSERT\t  into' };
    expect(gradeAttempt(sql, answers)).toMatchObject({ correct: 6, passed: true });
    expect(gradeAttempt(sql, { ...key, q1: 'UNIQUE', q6: 'INSERT INTO TABLE' })).toMatchObject({
      correct: 4,
      passed: false,
    });
  });

  it("grades puzzles against the learner's own answers", () => {
    const puzzleAnswers = { p1: '-135', p2: 'a3b1', p3: 'river 9', p4: '17', p5: '52' };
    expect(gradeAttempt(python, { ...puzzleAnswers, p3: ' River  9 ' }, puzzleAnswers)).toEqual({
      correct: 5,
      total: 5,
      score: 100,
      passed: true,
    });
    expect(
      gradeAttempt(python, { ...puzzleAnswers, p1: '-136', p5: '' }, puzzleAnswers),
    ).toMatchObject({ correct: 3, score: 60, passed: false });
    expect(() => gradeAttempt(python, { p1: '1' })).toThrow(TypeError);
  });

  it.each([
    [{ q5: 'a' }, 'answers.q5: no such task in git-basics'],
    [{ q1: 'e' }, "answers.q1: not one of the task's choice ids"],
    [{ ['__proto__']: 'a' }, 'answers.__proto__: no such task in git-basics'],
  ])('refuses %j with VALIDATION_FAILED, never repeating the answer', (answers, message) => {
    expect(() =>
      gradeAttempt(git, JSON.parse(JSON.stringify(answers)) as Record<string, string>),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', message }) as unknown as Error);
  });
});
