import type { PuzzleGenerator } from './puzzle-generator.js';

const vocabulary = [
  'river',
  'stone',
  'forest',
  'cloud',
  'meadow',
  'lantern',
  'harbor',
  'willow',
  'falcon',
  'ember',
  'summit',
  'breeze',
] as const;

/**
 * Counting words: a text of 60 words in sentences (capitalised first words, commas, full stops);
 * the answer is the most frequent word in lower case and its count, ties going to the word first
 * in alphabetical order, e.g. `river 9`.
 *
 * @example
 * ```ts
 * wordFrequencyPuzzle.generate(random); // { input: 'Cloud river, stone river. …', answer: 'river 9' }
 * ```
 */
export const wordFrequencyPuzzle: PuzzleGenerator = {
  describe: 'one line of text: 60 words in sentences, with capitals, commas and full stops',
  generate(random) {
    const words = Array.from({ length: 60 }, () => random.pick(vocabulary));
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    let best = '';
    let bestCount = 0;
    for (const word of [...counts.keys()].sort()) {
      const count = counts.get(word) as number;
      if (count > bestCount) {
        best = word;
        bestCount = count;
      }
    }

    const sentences: string[] = [];
    let next = 0;
    while (next < words.length) {
      const length = Math.min(random.int(4, 9), words.length - next);
      const sentence = words.slice(next, next + length).map((word, index) => {
        const shown = index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
        // A comma now and then, never before the full stop.
        return index < length - 1 && random.int(1, 6) === 1 ? `${shown},` : shown;
      });
      sentences.push(`${sentence.join(' ')}.`);
      next += length;
    }
    return { input: sentences.join(' '), answer: `${best} ${bestCount}` };
  },
};
