/**
 * Whether a credential's `expirationDate` (VCDM 1.1 §4.8) has passed at `at`; one without an
 * expiration date never expires. Compared as instants, not as text, since ISO 8601 strings of
 * one instant can differ (`…:00Z`, `…:00.000Z`).
 *
 * @example
 * ```ts
 * credentialExpired({ expirationDate: '2032-01-15T10:00:00Z' }, new Date('2032-01-15T10:00:00.000Z')); // true
 * ```
 */
export function credentialExpired(
  credential: { expirationDate?: string | undefined },
  at: Date | string,
): boolean {
  if (credential.expirationDate === undefined) return false;
  const atMs = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Date.parse(credential.expirationDate) <= atMs;
}
