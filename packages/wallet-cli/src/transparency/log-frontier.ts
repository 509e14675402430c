import { hashChildren, SkillproofError, treeHash, type ReadNodeHash } from '@skillproof/core';

/**
 * A tree's frontier (its "compact range" from 0): the root hashes of the perfect subtrees that
 * make up the first `size` leaves, largest (leftmost) first, one per bit set in `size`. With it
 * the root of any larger tree follows from the new leaf hashes alone (RFC 9162 §2.1.1's
 * recursion only ever reads those subtrees whole), so a monitor keeps O(log n) hashes, not the
 * log.
 */
export interface LogFrontier {
  size: number;
  hashes: Uint8Array[];
}

/** The perfect subtrees of the first `size` leaves: `(level, index)`, largest first. */
function frontierNodes(size: number): { level: number; index: number }[] {
  const nodes: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (size - start >= width) {
      nodes.push({ level, index: start / width });
      start += width;
    }
  }
  return nodes;
}

/**
 * The root of the tree that extends the one `frontier` describes by `leafHashes` (the hashes of
 * leaves `frontier.size` onwards), and that tree's frontier. From the empty frontier it is the
 * whole tree recomputed from its leaves.
 *
 * @example
 * ```ts
 * const { rootHash, frontier } = extendFrontier({ size: 0, hashes: [] }, leaves.map(hashLeaf));
 * ```
 */
export function extendFrontier(
  frontier: LogFrontier,
  leafHashes: readonly Uint8Array[],
): { rootHash: Uint8Array; frontier: LogFrontier } {
  const oldSize = frontier.size;
  const size = oldSize + leafHashes.length;
  const known = new Map<string, Uint8Array>();
  frontierNodes(oldSize).forEach((node, i) => {
    const hash = frontier.hashes[i];
    if (hash) known.set(`${node.level}/${node.index}`, hash);
  });
  const read: ReadNodeHash = (level, index) => {
    const kept = known.get(`${level}/${index}`);
    if (kept) return kept;
    const start = index * 2 ** level;
    if (level === 0) {
      const leaf = leafHashes[start - oldSize];
      if (start < oldSize || !leaf) {
        throw new SkillproofError('VALIDATION_FAILED', `leaf ${start} is neither kept nor new`);
      }
      return leaf;
    }
    // Never inside a kept subtree (the recursion reads those whole): down to the new leaves.
    const hash = hashChildren(read(level - 1, 2 * index), read(level - 1, 2 * index + 1));
    known.set(`${level}/${index}`, hash);
    return hash;
  };
  const rootHash = treeHash(size, read);
  return {
    rootHash,
    frontier: { size, hashes: frontierNodes(size).map((node) => read(node.level, node.index)) },
  };
}
