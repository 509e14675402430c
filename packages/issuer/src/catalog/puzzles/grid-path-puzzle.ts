import type { PuzzleGenerator } from './puzzle-generator.js';

const size = 8;

/**
 * A grid path: an 8×8 grid of digits 1 to 9, one row per line; the answer is the smallest sum
 * of the digits on a path from the top-left to the bottom-right cell moving only right or down
 * (both ends included).
 *
 * @example
 * ```ts
 * gridPathPuzzle.generate(random); // { input: '31742859\n…', answer: '52' }
 * ```
 */
export const gridPathPuzzle: PuzzleGenerator = {
  describe: '8 lines of 8 digits from 1 to 9',
  generate(random) {
    const grid = Array.from({ length: size }, () =>
      Array.from({ length: size }, () => random.int(1, 9)),
    );
    // best[c] holds, for the row being filled, the cheapest total to reach column c.
    const best: number[] = [];
    grid.forEach((row, r) => {
      row.forEach((digit, c) => {
        const fromAbove = r > 0 ? (best[c] as number) : Infinity;
        const fromLeft = c > 0 ? (best[c - 1] as number) : Infinity;
        best[c] = digit + (r === 0 && c === 0 ? 0 : Math.min(fromAbove, fromLeft));
      });
    });
    return {
      input: grid.map((row) => row.join('')).join('\n'),
      answer: String(best[size - 1]),
    };
  },
};
