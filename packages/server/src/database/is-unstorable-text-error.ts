// PostgreSQL error codes (PostgreSQL 15 docs, Appendix A): 22021 character_not_in_repertoire
// (a NUL byte: PostgreSQL text can't hold U+0000, SQLite's can) and 22P05 untranslatable_character.
const unstorableTextCodes = new Set(['22021', '22P05']);

/**
 * Whether `error` is PostgreSQL refusing text it can't store (a NUL character in a path
 * parameter or a field): the request's fault, answered 400, never 500.
 *
 * @example
 * ```ts
 * isUnstorableTextError(Object.assign(new Error('invalid byte sequence'), { code: '22021' })); // true
 * ```
 */
export function isUnstorableTextError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && unstorableTextCodes.has(code);
}
