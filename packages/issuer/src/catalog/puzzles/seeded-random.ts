import { createHash } from 'node:crypto';

/** A deterministic stream of random choices: the same seed always gives the same stream. */
export interface SeededRandom {
  /** An integer from `min` to `max`, both included, uniformly. */
  int(min: number, max: number): number;
  /** One of `items`, uniformly. */
  pick<T>(items: readonly T[]): T;
}

const uint32Range = 2 ** 32;

/**
 * A {@link SeededRandom} over SHA-256 in counter mode (block `i` = SHA-256(seed ‖ i)): simple,
 * portable and the same on every platform and Node version, which a puzzle's input must be
 * since the server recomputes it at grading time. Not for secrets: the seed is the secret.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(puzzleSeed(secret, did, 'python-problems-1', 'p1'));
 * random.int(1, 9);
 * ```
 */
export function createSeededRandom(seed: Uint8Array): SeededRandom {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  const counterBytes = Buffer.alloc(4);

  function nextUint32(): number {
    if (offset + 4 > block.length) {
      counterBytes.writeUInt32BE(counter);
      counter += 1;
      block = createHash('sha256').update(seed).update(counterBytes).digest();
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  }

  function int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new TypeError(`int(${min}, ${max}): expected integers with min <= max`);
    }
    const range = max - min + 1;
    if (range > uint32Range) throw new TypeError('int: the range is wider than 2^32');
    // Rejection sampling: drop the top of the 32-bit range that would favour small values.
    const limit = uint32Range - (uint32Range % range);
    let value = nextUint32();
    while (value >= limit) value = nextUint32();
    return min + (value % range);
  }

  return {
    int,
    pick(items) {
      if (items.length === 0) throw new TypeError('pick: no items');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
  };
}
