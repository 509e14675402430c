import { describe, expect, it } from '@jest/globals';
import {
  correctAnswers,
  gradeAttempt,
  loadDefaultCatalog,
  meetsPassRule,
  passRuleSchema,
  scorePercent,
} from '../../src/index.js';

describe('the pass rule', () => {
  it('reports the score as a rounded integer percent', () => {
    expect([
      scorePercent(0, 4),
      scorePercent(3, 4),
      scorePercent(2, 3),
      scorePercent(0, 0),
    ]).toEqual([0, 75, 67, 0]);
  });

  it('passes at the minimum score and not a point below, as the score is reported', () => {
    const rule = { kind: 'min-score', minScore: 80 } as const;
    expect(meetsPassRule(rule, 4, 5)).toBe(true);
    expect(meetsPassRule(rule, 3, 5)).toBe(false);
    // 2 of 3 is reported as 67%: a pass mark of 67 is met, 68 is not.
    expect(meetsPassRule({ kind: 'min-score', minScore: 67 }, 2, 3)).toBe(true);
    expect(meetsPassRule({ kind: 'min-score', minScore: 68 }, 2, 3)).toBe(false);
  });

  it('needs every task under "all"', () => {
    expect(meetsPassRule({ kind: 'all' }, 6, 6)).toBe(true);
    expect(meetsPassRule({ kind: 'all' }, 5, 6)).toBe(false);
  });

  it('accepts a minimum score from 1 to 100 in a catalogue, and nothing else', () => {
    for (const minScore of [1, 100]) {
      expect(passRuleSchema.safeParse({ kind: 'min-score', minScore }).success).toBe(true);
    }
    for (const rule of [
      { kind: 'min-score', minScore: 0 },
      { kind: 'min-score', minScore: 101 },
      { kind: 'min-score', minScore: 79.5 },
      { kind: 'all', minScore: 80 },
    ]) {
      expect(passRuleSchema.safeParse(rule).success).toBe(false);
    }
  });

  it('is what grading applies, for every default badge and every number of right answers', () => {
    for (const badge of loadDefaultCatalog().badges.filter((candidate) =>
      candidate.tasks.every((task) => task.kind !== 'puzzle'),
    )) {
      const key = correctAnswers(badge);
      const total = badge.tasks.length;
      for (let right = 0; right <= total; right += 1) {
        const answers = Object.fromEntries(
          badge.tasks.slice(0, right).map((task) => [task.id, key[task.id] as string]),
        );
        expect(gradeAttempt(badge, answers)).toEqual({
          correct: right,
          total,
          score: scorePercent(right, total),
          passed: meetsPassRule(badge.passRule, right, total),
        });
      }
    }
  });
});
