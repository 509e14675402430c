import { createHash } from 'node:crypto';

/** The SHA-256 output size: every Merkle tree hash of the log is this long. */
export const merkleHashLength = 32;

/**
 * The hash of a log entry, RFC 9162 §2.1.1: `SHA-256(0x00 || entry)`. The 0x00 prefix keeps a
 * leaf from ever hashing like an interior node (second-preimage resistance).
 *
 * @example
 * ```ts
 * const leafHash = hashLeaf(new TextEncoder().encode(''));
 * // 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d
 * ```
 */
export function hashLeaf(entry: Uint8Array): Uint8Array {
  return createHash('sha256').update(leafPrefix).update(entry).digest();
}

/**
 * The hash of an interior node, RFC 9162 §2.1.1: `SHA-256(0x01 || left || right)`.
 *
 * @example
 * ```ts
 * const parent = hashChildren(leftHash, rightHash);
 * ```
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(nodePrefix).update(left).update(right).digest();
}

/** The root hash of the empty tree, RFC 9162 §2.1.1: `SHA-256()` of no input. */
export const emptyTreeHash: Uint8Array = createHash('sha256').digest();

const leafPrefix = Uint8Array.of(0x00);
const nodePrefix = Uint8Array.of(0x01);

/** Whether two hashes are the same bytes. */
export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
