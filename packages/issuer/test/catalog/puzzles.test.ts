import { describe, expect, it } from '@jest/globals';
import {
  createSeededRandom,
  findBadge,
  loadDefaultCatalog,
  puzzleGenerators,
  puzzleInstance,
  puzzleSeed,
  type PuzzleTask,
} from '../../src/index.js';
import { puzzleSolutions as solutions } from '../fixtures/puzzle-solutions.js';

const catalog = loadDefaultCatalog();
const puzzleTasks = catalog.badges.flatMap((badge) =>
  badge.tasks
    .filter((task): task is PuzzleTask => task.kind === 'puzzle')
    .map((task) => ({ badge: badge.id, task })),
);
const secret = 'catalogue test puzzle secret';
const dids = Array.from(
  { length: 150 },
  (_, index) => `did:key:z6Mk${index.toString(36).padStart(4, '0')}learner`,
);

describe('puzzles', () => {
  it('covers every generator in the default catalogue', () => {
    expect(new Set(puzzleTasks.map(({ task }) => task.generator))).toEqual(
      new Set(Object.keys(puzzleGenerators)),
    );
  });

  describe.each(
    puzzleTasks.map(({ badge, task }) => [`${badge} ${task.id}`, badge, task] as const),
  )('%s', (_name, badge, task) => {
    it(`matches an independent solution for ${dids.length} learners`, () => {
      for (const did of dids) {
        const { input, answer } = puzzleInstance(secret, did, badge, task);
        expect([did, answer]).toEqual([did, solutions[task.generator](input)]);
      }
    });

    it('gives each learner their own input, always the same one', () => {
      const inputs = dids.map((did) => puzzleInstance(secret, did, badge, task).input);
      expect(new Set(inputs).size).toBe(dids.length);
      expect(puzzleInstance(secret, dids[0] as string, badge, task)).toEqual(
        puzzleInstance(secret, dids[0] as string, badge, task),
      );
      expect(puzzleInstance('another secret', dids[0] as string, badge, task).input).not.toBe(
        inputs[0],
      );
    });

    it('keeps the input small enough to paste', () => {
      for (const did of dids.slice(0, 20)) {
        expect(puzzleInstance(secret, did, badge, task).input.length).toBeLessThan(1000);
      }
    });
  });

  it('gives the same learner different inputs for different puzzles', () => {
    const python = findBadge(catalog, 'python-problems-1');
    const did = dids[0] as string;
    const seeds = python.tasks.map((task) =>
      puzzleSeed(secret, did, python.id, task.id).toString('hex'),
    );
    expect(new Set(seeds).size).toBe(python.tasks.length);
  });

  it('seeds with HMAC-SHA256(secret, did|badge|task)', async () => {
    const { createHmac } = await import('node:crypto');
    expect(puzzleSeed(secret, 'did:key:z6Mkx', 'b', 't')).toEqual(
      createHmac('sha256', secret).update('did:key:z6Mkx|b|t').digest(),
    );
  });

  it('draws integers within bounds, covering the whole range', () => {
    const random = createSeededRandom(Buffer.from('seed'));
    const seen = new Set<number>();
    for (let index = 0; index < 2000; index += 1) {
      const value = random.int(-3, 3);
      expect(value).toBeGreaterThanOrEqual(-3);
      expect(value).toBeLessThanOrEqual(3);
      seen.add(value);
    }
    expect(seen.size).toBe(7);
    expect(() => random.int(2, 1)).toThrow(TypeError);
    expect(() => random.pick([])).toThrow(TypeError);
  });

  it('is the same stream for the same seed', () => {
    const draw = () => {
      const random = createSeededRandom(Buffer.from('same seed'));
      return Array.from({ length: 50 }, () => random.int(0, 1_000_000));
    };
    expect(draw()).toEqual(draw());
  });
});
