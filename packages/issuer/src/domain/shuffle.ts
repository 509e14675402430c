import { randomInt } from 'node:crypto';

/** A uniformly shuffled copy (Fisher–Yates with a CSPRNG); the input is left as it was. */
export function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
