/**
 * A moment to come, for people: UTC to the minute and how far off it is.
 *
 * @example
 * ```ts
 * formatMoment('2026-11-26T12:10:00Z', new Date('2026-11-26T12:00:00Z'));
 * // '2026-11-26 12:10 UTC (in 10 min)'
 * ```
 */
export function formatMoment(iso: string, now: Date): string {
  const at = new Date(iso);
  const minutes = Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC (in ${minutes} min)`;
}

/**
 * When to try again after a `Retry-After` of `seconds` (RFC 9110 §10.2.3), for people.
 *
 * @example
 * ```ts
 * retryMoment(120, new Date('2026-11-26T12:00:00Z')); // '2026-11-26 12:02 UTC (in 2 min)'
 * ```
 */
export function retryMoment(seconds: number, now: Date): string {
  return formatMoment(new Date(now.getTime() + seconds * 1000).toISOString(), now);
}
