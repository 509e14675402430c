import { completedNodes, hashChildren, hashLeaf, type ReadNodeHash } from '@skillproof/core';

/** An in-memory log for tests: the perfect subtrees stored as a log stores them while appending. */
export interface MemoryTree {
  append(entry: Uint8Array): void;
  size(): number;
  read: ReadNodeHash;
}

export function createMemoryTree(): MemoryTree {
  const levels: Uint8Array[][] = [[]];
  return {
    append(entry) {
      const leaves = levels[0] as Uint8Array[];
      const index = leaves.length;
      leaves.push(hashLeaf(entry));
      for (const node of completedNodes(index)) {
        const below = levels[node.level - 1] as Uint8Array[];
        const row = (levels[node.level] ??= []);
        row[node.index] = hashChildren(
          below[2 * node.index] as Uint8Array,
          below[2 * node.index + 1] as Uint8Array,
        );
      }
    },
    size: () => (levels[0] as Uint8Array[]).length,
    read(level, index) {
      const hash = levels[level]?.[index];
      if (!hash) throw new RangeError(`no node (${level}, ${index})`);
      return hash;
    },
  };
}
