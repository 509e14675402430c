import { createHash } from 'node:crypto';

/**
 * The SHA-256 of a bearer token or session cookie value, hex: what the store keeps and looks
 * tokens up by, so a database leak leaks no token. The same digest as `@skillproof/server/http`'s
 * `hashToken`, so tokens stored by either keep working.
 *
 * @example
 * ```ts
 * await store.findEmployerByTokenHash(hashToken(token));
 * ```
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
