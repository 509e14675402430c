// PostgreSQL error codes (PostgreSQL 15 docs, Appendix A) of a server that is going away or not
// there yet: class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown,
// 57P03 cannot_connect_now, 53300 too_many_connections, 57014 query_canceled (statement timeout).
const transientPostgresCodes = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
// Node's socket errors when the server is down or drops the connection.
const transientSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTCONN',
]);
// SQLite's "another process holds the write lock for longer than busy_timeout".
const transientSqliteCodes = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);
// What `pg` throws, without a code, when its connection dies or the pool can't get one in time.
const transientPgMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Client was closed and is not queryable/,
];

/**
 * Whether `error` says the database is unreachable for now (down, restarting, overloaded)
 * rather than that the request or the code is wrong: such errors answer 503 and the request
 * may be retried; nothing was committed by the failed statement.
 *
 * @example
 * ```ts
 * isTransientDatabaseError(Object.assign(new Error('terminating connection'), { code: '57P01' })); // true
 * ```
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (
      transientPostgresCodes.has(code) ||
      transientSocketCodes.has(code) ||
      transientSqliteCodes.has(code)
    ) {
      return true;
    }
  }
  if (transientPgMessages.some((pattern) => pattern.test(error.message))) return true;
  // AggregateError (a connect to several addresses failed) carries the socket errors inside.
  if (error instanceof AggregateError) return error.errors.some(isTransientDatabaseError);
  return error.cause !== undefined && isTransientDatabaseError(error.cause);
}
