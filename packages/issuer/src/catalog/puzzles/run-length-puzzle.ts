import type { PuzzleGenerator } from './puzzle-generator.js';

const letters = ['a', 'b', 'c', 'd', 'e'] as const;

/**
 * String processing: a string of 14 to 18 runs of the letters a to e (each run 1 to 6 long);
 * the answer is its run-length encoding, e.g. `aaabccdddd` -> `a3b1c2d4`.
 *
 * @example
 * ```ts
 * runLengthPuzzle.generate(random); // { input: 'aaabccdddd…', answer: 'a3b1c2d4…' }
 * ```
 */
export const runLengthPuzzle: PuzzleGenerator = {
  describe: 'one line of 14 to 18 runs of the letters a to e',
  generate(random) {
    const runCount = random.int(14, 18);
    let input = '';
    let answer = '';
    let previous = '';
    for (let run = 0; run < runCount; run += 1) {
      // A new run never repeats the previous letter, so every run is as long as it says.
      const letter = random.pick(letters.filter((candidate) => candidate !== previous));
      const length = random.int(1, 6);
      input += letter.repeat(length);
      answer += `${letter}${length}`;
      previous = letter;
    }
    return { input, answer };
  },
};
