import type { PuzzleTask } from '../catalog-types.js';
import type { PuzzleInstance } from './puzzle-generator.js';
import { puzzleGenerators } from './puzzle-generators.js';
import { puzzleSeed } from './puzzle-seed.js';
import { createSeededRandom } from './seeded-random.js';

/**
 * A learner's own input to a puzzle task and its answer, recomputed from the issuer's puzzle
 * secret whenever needed (at the start of an attempt and at grading): nothing to store, and the
 * same learner always sees the same input.
 *
 * @example
 * ```ts
 * const { input, answer } = puzzleInstance(secret, learnerDid, 'python-problems-1', task);
 * ```
 */
export function puzzleInstance(
  secret: Uint8Array | string,
  learnerDid: string,
  badgeId: string,
  task: PuzzleTask,
): PuzzleInstance {
  const random = createSeededRandom(puzzleSeed(secret, learnerDid, badgeId, task.id));
  return puzzleGenerators[task.generator].generate(random);
}
