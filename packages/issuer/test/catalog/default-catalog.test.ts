import { describe, expect, it } from '@jest/globals';
import { correctAnswers, defaultCatalog, findBadge, type Badge } from '../../src/index.js';

function rightText(badge: Badge, taskId: string): string | undefined {
  const task = badge.tasks.find((candidate) => candidate.id === taskId);
  return task?.choices.find((choice) => choice.id === task.answer)?.text;
}

describe('defaultCatalog', () => {
  it('offers exactly Git Basics and Russian History I', () => {
    expect(
      defaultCatalog.badges.map((badge) => [
        badge.slug,
        badge.name,
        badge.passRule.minScore,
        badge.tasks.length,
      ]),
    ).toEqual([
      ['git-basics', 'Git Basics', 75, 4],
      ['russian-history-1', 'Russian History I', 80, 10],
    ]);
  });

  describe.each(defaultCatalog.badges.map((badge) => [badge.slug, badge] as const))(
    '%s',
    (_slug, badge) => {
      it('has a URL-safe slug, a description and criteria', () => {
        expect(badge.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(badge.description.length).toBeGreaterThan(10);
        expect(badge.criteria.narrative.length).toBeGreaterThan(10);
      });

      it('has unique task ids q1…qN', () => {
        expect(badge.tasks.map((task) => task.id)).toEqual(
          badge.tasks.map((_task, index) => `q${index + 1}`),
        );
      });

      it('gives every question four distinct choices a…d and exactly one right answer', () => {
        for (const task of badge.tasks) {
          expect(task.kind).toBe('quiz');
          expect(task.choices.map((choice) => choice.id)).toEqual(['a', 'b', 'c', 'd']);
          expect(new Set(task.choices.map((choice) => choice.text)).size).toBe(4);
          expect(task.choices.filter((choice) => choice.id === task.answer)).toHaveLength(1);
        }
      });

      it('exports its answer key through correctAnswers', () => {
        expect(correctAnswers(badge)).toEqual(
          Object.fromEntries(badge.tasks.map((task) => [task.id, task.answer])),
        );
      });
    },
  );

  it('keys the Git Basics facts', () => {
    const badge = findBadge(defaultCatalog, 'git-basics');
    expect(badge.tasks.map((task) => rightText(badge, task.id))).toEqual([
      'git commit',
      'git add',
      'git fetch',
      'git status',
    ]);
  });

  it('keys the Russian History I facts', () => {
    const badge = findBadge(defaultCatalog, 'russian-history-1');
    expect(badge.tasks.map((task) => rightText(badge, task.id))).toEqual([
      '1380',
      'Peter I',
      'Ivan IV',
      '1861',
      'The Romanovs',
      '988',
      '1812',
      'Catherine II',
      '1480',
      '1825',
    ]);
  });

  it('spreads the right answers over the choice ids', () => {
    const ids = new Set(
      defaultCatalog.badges.flatMap((badge) => badge.tasks.map((task) => task.answer)),
    );
    expect([...ids].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds a badge by slug, or fails with NOT_FOUND', () => {
    expect(findBadge(defaultCatalog, 'git-basics').name).toBe('Git Basics');
    expect(() => findBadge(defaultCatalog, 'nope')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error,
    );
  });
});
