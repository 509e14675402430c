import { hkdfSync } from 'node:crypto';

/**
 * The key of the HMAC that binds a web learner's CSRF token to their cookie, derived from the
 * puzzle secret (HKDF-SHA256 with its own info string): the same on every instance and restart
 * that shares the secret, and telling nothing about it.
 *
 * @example
 * ```ts
 * const csrfKey = deriveWebCsrfKey(context.puzzleSecret);
 * ```
 */
export function deriveWebCsrfKey(puzzleSecret: Uint8Array): Uint8Array {
  return new Uint8Array(
    hkdfSync('sha256', puzzleSecret, new Uint8Array(0), 'skillproof issuer web csrf v1', 32),
  );
}
