import { emptyTreeHash, hashChildren } from './merkle-hash.js';

/**
 * Reads the hash of one perfect subtree of a log: `level` 0 is the leaf hashes, and the node at
 * `(level, index)` is `MTH(D[index * 2^level : (index + 1) * 2^level])` (RFC 9162 §2.1.1). A log
 * stores these as it grows (each one once, when its last leaf arrives); proofs and root hashes are
 * built from O(log n) of them. Must return a 32-byte hash for every node it is asked for: the
 * functions here only ask for nodes of complete subtrees below the given size.
 */
export type ReadNodeHash = (level: number, index: number) => Uint8Array;

/**
 * The largest power of two strictly below `n` (RFC 9162 §2.1.1 `k`), for `n >= 2`. Arithmetic,
 * not bit operations: sizes may pass 2^32.
 */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The base-2 logarithm of a power of two, or `undefined` for any other number. */
function exactLog2(n: number): number | undefined {
  let level = 0;
  let width = 1;
  while (width < n) {
    width *= 2;
    level += 1;
  }
  return width === n ? level : undefined;
}

/**
 * `MTH(D[start:end])` (RFC 9162 §2.1.1) from the stored perfect subtrees, for a range whose start
 * is aligned as RFC 9162's recursion leaves every range it hashes (`start` a multiple of the
 * largest power of two that is at most `end - start`). O(log n) reads.
 *
 * @throws RangeError for an empty or misaligned range.
 */
export function subtreeHash(start: number, end: number, read: ReadNodeHash): Uint8Array {
  const width = end - start;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || width < 1) {
    throw new RangeError(`no subtree [${start}, ${end})`);
  }
  const level = exactLog2(width);
  if (level !== undefined) {
    if (start % width !== 0) throw new RangeError(`subtree [${start}, ${end}) is not aligned`);
    return read(level, start / width);
  }
  const k = largestPowerOfTwoBelow(width);
  return hashChildren(subtreeHash(start, start + k, read), subtreeHash(start + k, end, read));
}

/**
 * The root hash of the log's first `size` entries, `MTH(D[0:size])` (RFC 9162 §2.1.1); the hash
 * of the empty string for the empty tree.
 *
 * @example
 * ```ts
 * const root = treeHash(8, (level, index) => nodes[level][index]);
 * ```
 */
export function treeHash(size: number, read: ReadNodeHash): Uint8Array {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`no tree of size ${size}`);
  return size === 0 ? emptyTreeHash : subtreeHash(0, size, read);
}

/**
 * The perfect subtrees completed by appending leaf `index` (0-based): after leaf `index` the
 * nodes `(level, (index + 1) / 2^level - 1)` for every `level >= 1` with `2^level` dividing
 * `index + 1`, lowest first. A log stores each as `hashChildren` of its two children.
 *
 * @example
 * ```ts
 * completedNodes(3); // [{ level: 1, index: 1 }, { level: 2, index: 0 }]
 * ```
 */
export function completedNodes(index: number): { level: number; index: number }[] {
  const nodes: { level: number; index: number }[] = [];
  let count = index + 1;
  let level = 0;
  while (count % 2 === 0) {
    count /= 2;
    level += 1;
    nodes.push({ level, index: count - 1 });
  }
  return nodes;
}
