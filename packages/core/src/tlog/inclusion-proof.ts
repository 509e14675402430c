import { equalHashes, hashChildren, merkleHashLength } from './merkle-hash.js';
import { largestPowerOfTwoBelow, subtreeHash, type ReadNodeHash } from './merkle-tree.js';

function checkSize(name: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be an integer >= ${minimum}, not ${value}`);
  }
}

/**
 * The inclusion proof (audit path) of leaf `index` in the tree of the first `size` entries,
 * RFC 9162 §2.1.3.1 `PATH(m, D[n])`: the sibling hashes from the leaf up to the root. O(log n)
 * node reads, and O(log n) more hashes for the right edge of a tree whose size is not a power of 2.
 *
 * @throws RangeError unless `0 <= index < size`.
 * @example
 * ```ts
 * const proof = inclusionProof(5, 8, store.readNode);
 * verifyInclusionProof({ index: 5, size: 8, leafHash, proof, rootHash }); // true
 * ```
 */
export function inclusionProof(index: number, size: number, read: ReadNodeHash): Uint8Array[] {
  checkSize('size', size, 1);
  checkSize('index', index, 0);
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Uint8Array[] = [];
  // PATH(m, D[start:end]) unrolled: siblings are found top-down, and the proof lists them
  // bottom-up.
  let start = 0;
  let end = size;
  let m = index;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m < k) {
      path.push(subtreeHash(start + k, end, read));
      end = start + k;
    } else {
      path.push(subtreeHash(start, start + k, read));
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

/** Input of {@link verifyInclusionProof}. */
export interface InclusionProofCheck {
  /** The leaf's 0-based index in the log. */
  index: number;
  /** The size of the tree the proof leads to. */
  size: number;
  /** `hashLeaf(entry)`. */
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  /** The root hash of the tree of `size` entries, e.g. from a verified checkpoint. */
  rootHash: Uint8Array;
}

/**
 * Whether `proof` shows that `leafHash` is leaf `index` of the tree of `size` entries whose root
 * is `rootHash`: RFC 9162 §2.1.3.2, step by step. Never throws; any malformed input is `false`.
 *
 * @example
 * ```ts
 * if (!verifyInclusionProof({ index, size, leafHash, proof, rootHash })) refuse();
 * ```
 */
export function verifyInclusionProof(check: InclusionProofCheck): boolean {
  const { index, size, leafHash, proof, rootHash } = check;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0) return false;
  // 1. leaf_index >= tree_size: fail.
  if (index >= size) return false;
  if (leafHash.length !== merkleHashLength || rootHash.length !== merkleHashLength) return false;
  // 2. fn = leaf_index, sn = tree_size - 1, r = hash.
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  // 3. For each value p in the inclusion_path array:
  for (const p of proof) {
    if (p.length !== merkleHashLength) return false;
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      // If LSB(fn) is not set, right-shift both fn and sn equally until either LSB(fn) is set
      // or fn is 0.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 4. Compare sn to 0 and r against the root_hash.
  return sn === 0 && equalHashes(r, rootHash);
}
