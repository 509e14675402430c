/**
 * Whether a credential's `expirationDate` (VCDM 1.1 §4.8) or `validUntil` (VCDM 2.0 §4.9) has
 * passed at `at`; one without either never expires. Compared as instants, not as text, since
 * ISO 8601 strings of one instant can differ (`…:00Z`, `…:00.000Z`).
 *
 * @example
 * ```ts
 * credentialExpired({ expirationDate: '2032-01-15T10:00:00Z' }, new Date('2032-01-15T10:00:00.000Z')); // true
 * ```
 */
export function credentialExpired(
  credential: { expirationDate?: unknown; validUntil?: unknown },
  at: Date | string,
): boolean {
  const end = credentialValidUntil(credential);
  if (end === undefined) return false;
  const atMs = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return Date.parse(end) <= atMs;
}

/**
 * When a credential stops being valid: its `expirationDate` (VCDM 1.1) or `validUntil` (VCDM
 * 2.0), `undefined` when it has neither.
 *
 * @example
 * ```ts
 * credentialValidUntil({ validUntil: '2032-01-15T10:00:00Z' }); // '2032-01-15T10:00:00Z'
 * ```
 */
export function credentialValidUntil(credential: {
  expirationDate?: unknown;
  validUntil?: unknown;
}): string | undefined {
  const end = credential.expirationDate ?? credential.validUntil;
  return typeof end === 'string' ? end : undefined;
}
