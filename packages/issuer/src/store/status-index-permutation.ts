import { createHmac } from 'node:crypto';

/** Maps the n-th entry handed out in a list to its index. */
export type StatusIndexPermutation = (position: number) => number;

const rounds = 4;

/**
 * A keyed pseudo-random permutation of `[0, length)`: entry `n` of a list gets index
 * `permutation(n)`, so indexes look random yet never repeat, and follow from a committed
 * counter (nothing to lose in a crash). Sequential indexes would tell anyone holding two
 * credentials which was issued first, and the highest index how many the issuer has issued
 * (Bitstring Status List v1.0, privacy considerations).
 *
 * A four-round Feistel network whose round functions (HMAC-SHA256 of the key) are tabulated
 * once, cycle-walked into range: building costs a few thousand HMACs, each use a few lookups.
 *
 * @throws RangeError when `length` is below 2 or the permutation is asked for a position
 * outside `[0, length)`.
 * @example
 * ```ts
 * const permutation = createStatusIndexPermutation(randomBytes(32), 131_072);
 * permutation(0); // e.g. 90_412
 * permutation(1); // another index, never 90_412
 * ```
 */
export function createStatusIndexPermutation(key: Buffer, length: number): StatusIndexPermutation {
  if (!Number.isSafeInteger(length) || length < 2 || length > 2 ** 30) {
    throw new RangeError('a status list length must be from 2 to 2^30');
  }
  let bits = 1;
  while (2 ** bits < length) bits += 1;
  const halfBits = Math.ceil(bits / 2);
  const half = 2 ** halfBits;
  const mask = half - 1;
  const roundTables = Array.from({ length: rounds }, (_, round) => {
    const table = new Uint32Array(half);
    for (let right = 0; right < half; right += 1) {
      table[right] =
        createHmac('sha256', key).update(`${round}:${right}`).digest().readUInt32BE(0) & mask;
    }
    return table;
  });

  const feistel = (value: number): number => {
    let left = Math.floor(value / half);
    let right = value % half;
    for (const table of roundTables) {
      const next = (left ^ (table[right] as number)) & mask;
      left = right;
      right = next;
    }
    return left * half + right;
  };

  return (position) => {
    if (!Number.isSafeInteger(position) || position < 0 || position >= length) {
      throw new RangeError(`position ${position} is outside [0, ${length})`);
    }
    // The network permutes [0, half²), under four times `length`; applying it again until the
    // value falls in range (cycle-walking) permutes [0, length).
    let value = feistel(position);
    while (value >= length) value = feistel(value);
    return value;
  };
}
