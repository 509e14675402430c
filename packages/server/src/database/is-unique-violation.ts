/**
 * Whether `error` is a unique-constraint violation on either engine (PostgreSQL 23505, SQLite
 * SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY): what a store sees when another instance inserted the
 * same row first, and may answer by retrying its transaction against what is now committed.
 *
 * @example
 * ```ts
 * if (isUniqueViolation(error)) return retry();
 * ```
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
