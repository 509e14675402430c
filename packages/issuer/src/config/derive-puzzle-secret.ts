import { hkdfSync } from 'node:crypto';

// Fixed: changing it would change every learner's puzzle inputs.
const info = 'skillproof issuer puzzle secret v1';

/**
 * The puzzle secret derived from the issuer's key secret when `ISSUER_PUZZLE_SECRET` is not set:
 * HKDF-SHA256 (RFC 5869) with a fixed info string, 32 bytes. A separate key, so that puzzle
 * inputs reveal nothing about the secret that protects the issuer's signing key.
 *
 * @example
 * ```ts
 * const puzzleSecret = derivePuzzleSecret(keySecret);
 * ```
 */
export function derivePuzzleSecret(keySecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', keySecret, new Uint8Array(0), info, 32));
}
