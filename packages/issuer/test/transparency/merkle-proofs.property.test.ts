// Property tests of the log's proofs (core's tlog): every inclusion and consistency proof of a
// random tree verifies, with the log's verifier and with the independent one written from RFC
// 9162 §2.1 alone (test/fixtures/rfc9162-reference.ts), and any alteration is refused by both.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import {
  completedNodes,
  consistencyProof,
  hashChildren,
  hashLeaf,
  inclusionProof,
  treeHash,
  verifyConsistencyProof,
  verifyInclusionProof,
  type ReadNodeHash,
} from '@skillproof/core';
import {
  referenceLeafHash,
  referenceRoot,
  referenceVerifyConsistency,
  referenceVerifyInclusion,
} from '../fixtures/rfc9162-reference.js';

const maxSize = 1100;
const entries = Array.from({ length: maxSize }, (_, i) => randomBytes(1 + (i % 40)));

// The nodes as the log stores them while appending; any prefix of the log reads the same ones.
const levels: Uint8Array[][] = [[]];
entries.forEach((entry, index) => {
  (levels[0] as Uint8Array[]).push(hashLeaf(entry));
  for (const { level, index: at } of completedNodes(index)) {
    const below = levels[level - 1] as Uint8Array[];
    (levels[level] ??= [])[at] = hashChildren(
      below[2 * at] as Uint8Array,
      below[2 * at + 1] as Uint8Array,
    );
  }
});
const read: ReadNodeHash = (level, index) => levels[level]![index]!;
const roots = new Map<number, Uint8Array>();
const rootOf = (size: number) => {
  let root = roots.get(size);
  if (!root) {
    root = referenceRoot(entries.slice(0, size));
    roots.set(size, root);
  }
  return root;
};

/** A tree size and a leaf index in it. */
const leafInTree = fc
  .integer({ min: 1, max: maxSize })
  .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
/** Two tree sizes, the first at most the second. */
const twoSizes = fc
  .integer({ min: 1, max: maxSize })
  .chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to)));

function flipBit(proof: Uint8Array[], element: number, bit: number): Uint8Array[] {
  return proof.map((hash, i) => {
    if (i !== element) return hash;
    const copy = Uint8Array.from(hash);
    copy[bit >> 3]! ^= 1 << (bit & 7);
    return copy;
  });
}

describe('Merkle tree (properties)', () => {
  it('computes the root of every size as RFC 9162 §2.1.1 defines it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxSize }), (size) => {
        expect(Buffer.from(treeHash(size, read)).equals(rootOf(size))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('hashes leaves as the reference does', () => {
    for (const entry of entries.slice(0, 50)) {
      expect(Buffer.from(hashLeaf(entry)).equals(referenceLeafHash(entry))).toBe(true);
    }
  });
});

describe('inclusion proofs (properties)', () => {
  it('every inclusion proof verifies, with both verifiers', () => {
    fc.assert(
      fc.property(leafInTree, ([size, index]) => {
        const proof = inclusionProof(index, size, read);
        const leafHash = hashLeaf(entries[index]!);
        const rootHash = rootOf(size);
        expect(verifyInclusionProof({ index, size, leafHash, proof, rootHash })).toBe(true);
        expect(referenceVerifyInclusion(index, size, leafHash, proof, rootHash)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('any flipped bit, dropped or added element, or other index or size fails, with both', () => {
    fc.assert(
      fc.property(
        leafInTree,
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 4 }),
        ([size, index], pick, bit, how) => {
          const proof = inclusionProof(index, size, read);
          const leafHash = hashLeaf(entries[index]!);
          const rootHash = rootOf(size);
          let check = { index, size, leafHash, proof, rootHash };
          switch (how) {
            case 0:
              fc.pre(proof.length > 0);
              check = { ...check, proof: flipBit(proof, pick % proof.length, bit) };
              break;
            case 1:
              fc.pre(proof.length > 0);
              check = { ...check, proof: proof.filter((_, i) => i !== pick % proof.length) };
              break;
            case 2:
              check = { ...check, proof: [...proof, proof[0] ?? leafHash] };
              break;
            case 3:
              fc.pre(size > 1);
              check = { ...check, index: (index + 1 + (pick % (size - 1))) % size };
              break;
            case 4:
              check = { ...check, leafHash: flipBit([leafHash], 0, bit)[0]! };
              break;
          }
          expect(verifyInclusionProof(check)).toBe(false);
          expect(
            referenceVerifyInclusion(
              check.index,
              check.size,
              check.leafHash,
              check.proof,
              rootHash,
            ),
          ).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('consistency proofs (properties)', () => {
  it('every consistency proof verifies, with both verifiers', () => {
    fc.assert(
      fc.property(twoSizes, ([from, to]) => {
        const proof = consistencyProof(from, to, read);
        const check = {
          fromSize: from,
          toSize: to,
          fromRoot: rootOf(from),
          toRoot: rootOf(to),
          proof,
        };
        expect(verifyConsistencyProof(check)).toBe(true);
        expect(referenceVerifyConsistency(from, to, check.fromRoot, check.toRoot, proof)).toBe(
          true,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('any flipped bit, dropped element, other root or other size fails, with both', () => {
    fc.assert(
      fc.property(
        twoSizes,
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 3 }),
        ([from, to], pick, bit, how) => {
          fc.pre(from < to);
          const proof = consistencyProof(from, to, read);
          let check = {
            fromSize: from,
            toSize: to,
            fromRoot: rootOf(from),
            toRoot: rootOf(to),
            proof,
          };
          switch (how) {
            case 0:
              check = { ...check, proof: flipBit(proof, pick % proof.length, bit) };
              break;
            case 1:
              check = { ...check, proof: proof.filter((_, i) => i !== pick % proof.length) };
              break;
            case 2:
              check = { ...check, fromRoot: flipBit([check.fromRoot], 0, bit)[0]! };
              break;
            case 3:
              // Another old size: a root of another tree, e.g. one the log forked from.
              fc.pre(from > 1);
              check = { ...check, fromSize: from - 1 };
              break;
          }
          expect(verifyConsistencyProof(check)).toBe(false);
          expect(
            referenceVerifyConsistency(
              check.fromSize,
              check.toSize,
              check.fromRoot,
              check.toRoot,
              check.proof,
            ),
          ).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
