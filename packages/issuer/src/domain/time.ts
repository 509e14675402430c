/** `date` plus `ms` milliseconds, as ISO 8601. */
export function isoAfter(date: Date, ms: number): string {
  return new Date(date.getTime() + ms).toISOString();
}

/**
 * `date` as ISO 8601 truncated to whole seconds: JWT dates (`nbf`, `exp`) are in seconds, so a
 * credential built with this reads back from its JWT unchanged.
 */
export function isoSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}
