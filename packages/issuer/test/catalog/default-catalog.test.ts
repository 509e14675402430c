import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  correctAnswers,
  defaultCatalogDirectory,
  findBadge,
  findSkill,
  loadDefaultCatalog,
  normalizeAnswer,
  puzzleGeneratorNames,
  type Badge,
  type QuizTask,
} from '../../src/index.js';

const catalog = loadDefaultCatalog();

function quizzes(badge: Badge): QuizTask[] {
  return badge.tasks.filter((task): task is QuizTask => task.kind === 'quiz');
}

function rightText(badge: Badge, taskId: string): string | undefined {
  const task = quizzes(badge).find((candidate) => candidate.id === taskId);
  return task?.choices.find((choice) => choice.id === task.answer)?.text;
}

/**
 * The right answer of every practice item, keyed here independently of the catalogue files: the
 * right choice's text, or one accepted answer.
 */
const practiceKey: Record<string, Record<string, string>> = {
  'git-basics': {
    p1: 'git switch -c feature',
    p2: 'git log',
    p3: 'git clone',
    p4: 'fetches from the remote and integrates the changes into the current branch',
    p5: '.gitignore',
    p6: 'git diff',
    p7: 'git revert',
    p8: 'git push',
    p9: 'the commit you have checked out, through the current branch',
    p10: 'git stash',
  },
  'http-basics': {
    p1: '201 Created',
    p2: 'Content-Type',
    p3: 'the request lacks valid authentication credentials for the resource',
    p4: '301 Moved Permanently',
    p5: 'Location',
    p6: 'PUT',
    p7: '5xx',
    p8: '204 No Content',
    p9: '443',
    p10: "the server can't handle the request for now, being overloaded or down for maintenance",
  },
  'python-problems-1': {
    p1: '3',
    p2: '3',
    p3: "'cba'",
    p4: '10',
    p5: 'tuple',
    p6: '[0, 4]',
    p7: '2',
    p8: '0',
    p9: "['A', 'b', 'c']",
    p10: '4',
  },
  'russian-history-1': {
    p1: 'Alexander Nevsky',
    p2: '1242',
    p3: 'Nicholas II',
    p4: 'Poltava',
    p5: 'Yaroslav the Wise',
    p6: '1755',
    p7: 'Kuzma Minin and Dmitry Pozharsky',
    p8: 'Yemelyan Pugachev',
    p9: '1240',
  },
  'sql-basics': {
    p1: 'ORDER BY',
    p2: 'DESC',
    p3: 'INNER JOIN',
    p4: 'IS NULL',
    p5: 'UPDATE',
    p6: 'deletes every row of orders, keeping the table',
    p7: 'AVG',
    p8: 'PRIMARY KEY',
    p9: 'LIKE',
    p10: 'the rows whose email is not NULL',
  },
  'unix-shell-basics': {
    p1: 'cp',
    p2: 'mv',
    p3: 'grep',
    p4: 'appends the output to log.txt',
    p5: 'mkdir',
    p6: 'makes the file executable',
    p7: 'head',
    p8: 'wc',
    p9: 'your home directory',
    p10: 'man',
  },
};

describe('the default catalogue', () => {
  it('is read from packages/issuer/catalog, one JSON file per badge', () => {
    const directory = fileURLToPath(defaultCatalogDirectory);
    expect(directory).toMatch(/packages\/issuer\/catalog\/$/);
    const files = readdirSync(directory).filter((name) => name.endsWith('.json'));
    expect(files.sort()).toEqual(catalog.badges.map((badge) => `${badge.id}.json`).sort());
  });

  it('gives every badge at least eight practice items, each keyed right', () => {
    for (const badge of catalog.badges) {
      expect(badge.practice.length).toBeGreaterThanOrEqual(8);
      const key = practiceKey[badge.id] ?? {};
      expect(badge.practice.map((item) => item.id)).toEqual(Object.keys(key));
      for (const item of badge.practice) {
        const right =
          item.kind === 'quiz'
            ? [item.choices.find((choice) => choice.id === item.answer)?.text ?? '']
            : item.acceptedAnswers;
        expect(right.map(normalizeAnswer)).toContain(normalizeAnswer(key[item.id] ?? ''));
        expect(item.explanation).toEqual(expect.any(String));
      }
    }
  });

  it('offers at least six badges, including Python Problem Solver I and Russian History I', () => {
    expect(catalog.badges.length).toBeGreaterThanOrEqual(6);
    expect(catalog.badges.map((badge) => [badge.id, badge.name])).toEqual(
      expect.arrayContaining([
        ['git-basics', 'Git Basics'],
        ['russian-history-1', 'Russian History I'],
        ['python-problems-1', 'Python Problem Solver I'],
      ]),
    );
  });

  it('gives Python Problem Solver I five puzzles, each from a different generator', () => {
    const python = findBadge(catalog, 'python-problems-1');
    expect(python.tasks).toHaveLength(5);
    expect(python.tasks.every((task) => task.kind === 'puzzle')).toBe(true);
    const generators = python.tasks.map((task) => (task.kind === 'puzzle' ? task.generator : ''));
    expect(new Set(generators).size).toBe(5);
    expect([...generators].sort()).toEqual([...puzzleGeneratorNames].sort());
  });

  it('gives Russian History I ten quiz questions', () => {
    const history = findBadge(catalog, 'russian-history-1');
    expect(history.tasks).toHaveLength(10);
    expect(quizzes(history)).toHaveLength(10);
  });

  it('mixes in short-answer tasks and uses both pass rules', () => {
    const kinds = new Set(catalog.badges.flatMap((badge) => badge.tasks.map((task) => task.kind)));
    expect([...kinds].sort()).toEqual(['puzzle', 'quiz', 'short-answer']);
    const rules = new Set(catalog.badges.map((badge) => badge.passRule.kind));
    expect([...rules].sort()).toEqual(['all', 'min-score']);
  });

  it('has unique badge ids and skill ids', () => {
    const badgeIds = catalog.badges.map((badge) => badge.id);
    expect(new Set(badgeIds).size).toBe(badgeIds.length);
    const skillIds = catalog.skills.map((skill) => skill.id);
    expect(new Set(skillIds).size).toBe(skillIds.length);
  });

  describe.each(catalog.badges.map((badge) => [badge.id, badge] as const))('%s', (_id, badge) => {
    it('has a URL-safe id, a name, a description and criteria', () => {
      expect(badge.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(badge.name.length).toBeGreaterThan(3);
      expect(badge.description.length).toBeGreaterThan(20);
      expect(badge.criteria.narrative.length).toBeGreaterThan(20);
    });

    it('has an SVG image file in the catalogue folder', () => {
      expect(existsSync(new URL(badge.image.file, defaultCatalogDirectory))).toBe(true);
      expect(badge.image.svg).toMatch(/^<svg[\s>]/);
      expect(badge.image.svg).not.toMatch(/<script/i);
    });

    it('aligns to skills the catalogue defines', () => {
      expect(badge.skills.length).toBeGreaterThan(0);
      for (const skill of badge.skills) expect(findSkill(catalog, skill.id)).toEqual(skill);
    });

    it('has unique task ids and sensible limits', () => {
      const ids = badge.tasks.map((task) => task.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(badge.maxAttempts).toBeGreaterThanOrEqual(1);
      expect(badge.cooldownSeconds).toBeGreaterThanOrEqual(0);
      if (badge.passRule.kind === 'min-score') {
        expect(badge.passRule.minScore).toBeGreaterThan(0);
        expect(badge.passRule.minScore).toBeLessThanOrEqual(100);
      }
    });

    it('gives every quiz distinct choices and exactly one right answer that exists', () => {
      for (const task of quizzes(badge)) {
        const ids = task.choices.map((choice) => choice.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(task.choices.map((choice) => normalizeAnswer(choice.text))).size).toBe(
          ids.length,
        );
        expect(task.choices.filter((choice) => choice.id === task.answer)).toHaveLength(1);
      }
    });

    it('never gives a short answer away in its prompt', () => {
      for (const task of badge.tasks) {
        if (task.kind !== 'short-answer') continue;
        expect(task.acceptedAnswers.length).toBeGreaterThan(0);
        const words = ` ${normalizeAnswer(task.prompt).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
        for (const accepted of task.acceptedAnswers) {
          const answer = normalizeAnswer(accepted)
            .replace(/[^\p{L}\p{N}]+/gu, ' ')
            .trim();
          expect(words).not.toContain(` ${answer} `);
        }
      }
    });

    it('describes how to answer every puzzle', () => {
      for (const task of badge.tasks) {
        if (task.kind === 'puzzle') expect(task.answerFormat.length).toBeGreaterThan(5);
      }
    });
  });

  it('keys the Git Basics facts', () => {
    const badge = findBadge(catalog, 'git-basics');
    expect(badge.tasks.map((task) => rightText(badge, task.id))).toEqual([
      'git commit',
      'git add',
      'git fetch',
      'git status',
    ]);
  });

  it('keys the Russian History I facts', () => {
    const badge = findBadge(catalog, 'russian-history-1');
    const facts: Array<[string, string]> = [
      ['Battle of Kulikovo', '1380'],
      ['founded Saint Petersburg in 1703', 'Peter I'],
      ['first ruler crowned Tsar of All Russia, in 1547', 'Ivan IV'],
      ['serfdom abolished', '1861'],
      ['ruled Russia from 1613 to 1917', 'The Romanovs'],
      ["Vladimir the Great have Kievan Rus' baptised", '988'],
      ["Napoleon's army enter Moscow", '1812'],
      ['born Sophie of Anhalt-Zerbst', 'Catherine II'],
      ['Great Stand on the Ugra River', '1480'],
      ['Decembrist revolt', '1825'],
    ];
    badge.tasks.forEach((task, index) => {
      const [topic, answer] = facts[index] as [string, string];
      expect(task.prompt).toContain(topic);
      expect(rightText(badge, task.id)).toBe(answer);
    });
    expect(badge.tasks).toHaveLength(facts.length);
  });

  it('keys the SQL, HTTP and shell facts', () => {
    const answersOf = (id: string) => {
      const badge = findBadge(catalog, id);
      return badge.tasks.map((task) =>
        task.kind === 'quiz' ? rightText(badge, task.id) : correctAnswers(badge)[task.id],
      );
    };
    expect(answersOf('sql-basics')).toEqual([
      'DISTINCT',
      'HAVING',
      'LEFT OUTER JOIN',
      'COUNT',
      'UNKNOWN (NULL)',
      'INSERT INTO',
    ]);
    expect(answersOf('http-basics')).toEqual(['404', 'GET', '4xx', 'Authorization', '429', 'POST']);
    expect(answersOf('unix-shell-basics')).toEqual([
      'pwd',
      'ls',
      'owner read and write; group and others read only (rw-r--r--)',
      '|',
      'tail',
      'changes to the parent directory',
    ]);
  });

  it('spreads the right quiz answers over the choice ids', () => {
    const ids = new Set(
      catalog.badges.flatMap((badge) => quizzes(badge).map((task) => task.answer)),
    );
    expect([...ids].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds a badge or a skill by id, or fails with NOT_FOUND', () => {
    expect(findBadge(catalog, 'git-basics').name).toBe('Git Basics');
    expect(() => findBadge(catalog, 'nope')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error,
    );
    expect(() => findSkill(catalog, 'nope')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as unknown as Error,
    );
  });

  it('exports the answer key, with puzzle answers only for a given learner', () => {
    expect(correctAnswers(findBadge(catalog, 'git-basics'))).toEqual({
      q1: 'c',
      q2: 'a',
      q3: 'd',
      q4: 'b',
    });
    const python = findBadge(catalog, 'python-problems-1');
    expect(() => correctAnswers(python)).toThrow(TypeError);
    const key = correctAnswers(python, { learnerDid: 'did:key:z6Mkexample', puzzleSecret: 's' });
    expect(Object.keys(key)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });
});
