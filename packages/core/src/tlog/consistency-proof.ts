import { equalHashes, hashChildren, merkleHashLength } from './merkle-hash.js';
import { largestPowerOfTwoBelow, subtreeHash, type ReadNodeHash } from './merkle-tree.js';

/**
 * The consistency proof between the tree of the first `from` entries and that of the first `to`,
 * RFC 9162 §2.1.4.1 `PROOF(m, D[n])`: the hashes that let anyone holding both root hashes check
 * that the larger tree extends the smaller one (nothing was changed, dropped or reordered).
 * Empty when `from` equals `to`. O(log n) node reads.
 *
 * @throws RangeError unless `1 <= from <= to` (nothing is proved from the empty tree).
 * @example
 * ```ts
 * const proof = consistencyProof(3, 8, store.readNode);
 * ```
 */
export function consistencyProof(from: number, to: number, read: ReadNodeHash): Uint8Array[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || from > to) {
    throw new RangeError(`no consistency proof from size ${from} to size ${to}`);
  }
  if (from === to) return [];
  // SUBPROOF(m, D[start:end], b) unrolled; the proof lists the hashes bottom-up.
  const proof: Uint8Array[] = [];
  let start = 0;
  let end = to;
  let m = from;
  let wholeTreeKnown = true;
  while (m !== end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m <= k) {
      proof.push(subtreeHash(start + k, end, read));
      end = start + k;
    } else {
      proof.push(subtreeHash(start, start + k, read));
      start += k;
      m -= k;
      wholeTreeKnown = false;
    }
  }
  // SUBPROOF(m, D[m], b): nothing when the verifier holds this subtree's hash (its old root),
  // else the subtree's hash.
  if (!wholeTreeKnown) proof.push(subtreeHash(start, end, read));
  return proof.reverse();
}

/** Input of {@link verifyConsistencyProof}. */
export interface ConsistencyProofCheck {
  /** The smaller tree's size and root hash. */
  fromSize: number;
  fromRoot: Uint8Array;
  /** The larger tree's size and root hash. */
  toSize: number;
  toRoot: Uint8Array;
  proof: readonly Uint8Array[];
}

function isPowerOfTwo(n: number): boolean {
  let width = 1;
  while (width < n) width *= 2;
  return width === n;
}

/**
 * Whether `proof` shows that the tree of `toSize` entries (root `toRoot`) extends the tree of
 * `fromSize` entries (root `fromRoot`): RFC 9162 §2.1.4.2, step by step. Equal sizes need an
 * empty proof and equal roots. From the empty tree it is `false`, as in the CT reference code:
 * such a proof would prove nothing. Never throws; any malformed input (a hash that is not 32
 * bytes included) is `false`.
 *
 * @example
 * ```ts
 * if (!verifyConsistencyProof({ fromSize, fromRoot, toSize, toRoot, proof })) reportFork();
 * ```
 */
export function verifyConsistencyProof(check: ConsistencyProofCheck): boolean {
  const { fromSize: first, toSize: second, fromRoot, toRoot, proof } = check;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second)) return false;
  if (first < 1 || first > second) return false;
  if (fromRoot.length !== merkleHashLength || toRoot.length !== merkleHashLength) return false;
  if (proof.some((hash) => hash.length !== merkleHashLength)) return false;
  if (first === second) return proof.length === 0 && equalHashes(fromRoot, toRoot);
  // 1. If consistency_path is an empty array, stop and fail the proof verification.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  const path = isPowerOfTwo(first) ? [fromRoot, ...proof] : [...proof];
  // 3. Set fn to first - 1 and sn to second - 1.
  let fn = first - 1;
  let sn = second - 1;
  // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. Set both fr and sr to the first value in the consistency_path array.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  // 6. For each subsequent value c in the consistency_path array:
  for (const c of path.slice(1)) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      // If LSB(fn) is not set, right-shift both fn and sn equally until either LSB(fn) is set
      // or fn is 0.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7. After completing iterating through the consistency_path array: verify fr = first_hash,
  // sr = second_hash and sn = 0.
  return equalHashes(fr, fromRoot) && equalHashes(sr, toRoot) && sn === 0;
}
