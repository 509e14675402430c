import { createHash, randomInt } from 'node:crypto';
import { createSeededRandom } from '../catalog/puzzles/seeded-random.js';

/** A uniformly shuffled copy (Fisher–Yates with a CSPRNG); the input is left as it was. */
export function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/**
 * A shuffled copy that is the same for the same `seed` (Fisher–Yates over SHA-256 in counter
 * mode): what a page shown again must show in the same order. Not for secrets.
 *
 * @example
 * ```ts
 * shuffleSeeded(choices, attemptId); // the same order on every reload of the attempt's page
 * ```
 */
export function shuffleSeeded<T>(items: readonly T[], seed: string): T[] {
  const random = createSeededRandom(createHash('sha256').update(seed).digest());
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
