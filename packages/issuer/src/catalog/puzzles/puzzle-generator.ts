import type { SeededRandom } from './seeded-random.js';

/** One learner's copy of a puzzle: the input they are given and the answer the server expects. */
export interface PuzzleInstance {
  /** Plain text, small enough to paste into a program. */
  input: string;
  /** Already in the form a learner submits (compared after normalisation). */
  answer: string;
}

/** Makes a puzzle's input from a learner's random stream, and solves it. */
export interface PuzzleGenerator {
  /** What the input looks like, for catalogue authors writing the prompt. */
  describe: string;
  generate(random: SeededRandom): PuzzleInstance;
}
