import type { PuzzleGenerator } from './puzzle-generator.js';

// Headings in turning-right order: north, east, south, west.
const steps: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 0],
  [0, -1],
  [-1, 0],
];

/**
 * A small simulation: a robot at (0, 0) facing north runs 30 commands (`F<n>` forward n steps,
 * `L`/`R` turn 90° left/right); the answer is its final Manhattan distance from the start.
 *
 * @example
 * ```ts
 * robotWalkPuzzle.generate(random); // { input: 'F3 R F10 L L F2 …', answer: '17' }
 * ```
 */
export const robotWalkPuzzle: PuzzleGenerator = {
  describe: 'one line of 30 commands separated by spaces: F1 to F12, L, R',
  generate(random) {
    const commands: string[] = [];
    let heading = 0;
    let x = 0;
    let y = 0;
    for (let index = 0; index < 30; index += 1) {
      const roll = random.int(1, 10);
      if (roll <= 6) {
        const distance = random.int(1, 12);
        const [dx, dy] = steps[heading] as readonly [number, number];
        x += dx * distance;
        y += dy * distance;
        commands.push(`F${distance}`);
      } else if (roll <= 8) {
        heading = (heading + 3) % 4;
        commands.push('L');
      } else {
        heading = (heading + 1) % 4;
        commands.push('R');
      }
    }
    return { input: commands.join(' '), answer: String(Math.abs(x) + Math.abs(y)) };
  },
};
