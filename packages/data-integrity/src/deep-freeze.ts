/**
 * Freezes a JSON value and everything inside it, so a shared document cannot be changed by one
 * of its users (jsonld holds on to context documents across operations).
 *
 * @example
 * ```ts
 * const context = deepFreeze(JSON.parse(text) as Record<string, unknown>);
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
