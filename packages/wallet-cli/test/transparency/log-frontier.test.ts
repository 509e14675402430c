import { describe, expect, it } from '@jest/globals';
import { hashChildren, hashLeaf, treeHash, type ReadNodeHash } from '@skillproof/core';
import { extendFrontier } from '../../src/transparency/log-frontier.js';

const leaves = Array.from({ length: 70 }, (_, i) => hashLeaf(new Uint8Array([i, i >> 8, 7])));

function rootOf(size: number): Uint8Array {
  const read: ReadNodeHash = (level, index) =>
    level === 0
      ? (leaves[index] as Uint8Array)
      : hashChildren(read(level - 1, 2 * index), read(level - 1, 2 * index + 1));
  return treeHash(size, read);
}

describe('extendFrontier', () => {
  it('rebuilds every tree root from a kept frontier and the new leaves alone', () => {
    for (let from = 0; from <= 40; from += 1) {
      const kept = extendFrontier({ size: 0, hashes: [] }, leaves.slice(0, from));
      expect(Buffer.from(kept.rootHash)).toEqual(Buffer.from(rootOf(from)));
      expect(kept.frontier.hashes).toHaveLength(from.toString(2).replaceAll('0', '').length);
      for (const to of [from, from + 1, from + 3, 64, 70].filter((n) => n >= from)) {
        const extended = extendFrontier(kept.frontier, leaves.slice(from, to));
        expect(Buffer.from(extended.rootHash)).toEqual(Buffer.from(rootOf(to)));
      }
    }
  });

  it('gives another root when a kept hash is not the tree’s', () => {
    const kept = extendFrontier({ size: 0, hashes: [] }, leaves.slice(0, 13));
    const forged = {
      ...kept.frontier,
      hashes: [leaves[0] as Uint8Array, ...kept.frontier.hashes.slice(1)],
    };
    const extended = extendFrontier(forged, leaves.slice(13, 20));
    expect(Buffer.from(extended.rootHash)).not.toEqual(Buffer.from(rootOf(20)));
  });
});
