import type { PuzzleGenerator } from './puzzle-generator.js';

/**
 * Sums and filters: a Python list of 40 integers from -999 to 999; the answer is the sum of
 * those divisible by 3 but not by 5.
 *
 * @example
 * ```ts
 * sumDivisiblePuzzle.generate(random); // { input: '[12, -7, …]', answer: '-135' }
 * ```
 */
export const sumDivisiblePuzzle: PuzzleGenerator = {
  describe: 'a Python list of 40 integers from -999 to 999',
  generate(random) {
    const numbers = Array.from({ length: 40 }, () => random.int(-999, 999));
    let sum = 0;
    for (const n of numbers) {
      // `=== 0` also holds for -0, which `%` gives for negative multiples.
      if (n % 3 === 0 && n % 5 !== 0) sum += n;
    }
    return { input: `[${numbers.join(', ')}]`, answer: String(sum) };
  },
};
