import { createHash } from 'node:crypto';

/**
 * SHA-256 of a bearer token, as lower-case hex: how session tokens are stored, so that a leaked
 * database leaks no token that opens a session.
 *
 * @example
 * ```ts
 * store.findSession(hashToken(token), now);
 * ```
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
