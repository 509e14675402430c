import { readConfig, type Environment } from '@skillproof/core';

/** Where a service's state lives, as the environment says (see {@link readDatabaseSettings}). */
export interface DatabaseSettings {
  /** `DATABASE_URL`: a PostgreSQL server; unset, the service keeps its SQLite file. */
  url: string | undefined;
  /** `DATABASE_POOL_SIZE`: PostgreSQL connections per process (1-1000). Default 10. */
  poolSize: number;
  /** `DATABASE_STATEMENT_TIMEOUT_MS`: PostgreSQL's statement_timeout (0 = none). Default 10 000. */
  statementTimeoutMs: number;
}

/**
 * Reads `DATABASE_URL` (a `postgres://` or `postgresql://` URL, never echoed: it may hold a
 * password), `DATABASE_POOL_SIZE` and `DATABASE_STATEMENT_TIMEOUT_MS`, the same for every
 * service. Blank values count as unset.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` naming the setting that is wrong.
 * @example
 * ```ts
 * const settings = readDatabaseSettings(process.env);
 * const database = openDatabaseFromConfig({ ...settings, sqliteFile: join(dataDir, 'jobboard.db') });
 * ```
 */
export function readDatabaseSettings(env: Environment): DatabaseSettings {
  const config = readConfig(env);
  return {
    url: config.secret('DATABASE_URL', {
      minLength: 1,
      pattern: /^postgres(ql)?:\/\/\S+$/i,
      what: 'a postgres:// or postgresql:// URL',
    }),
    poolSize: config.integer('DATABASE_POOL_SIZE', { min: 1, max: 1000 }, 10),
    statementTimeoutMs: config.integer(
      'DATABASE_STATEMENT_TIMEOUT_MS',
      { min: 0, max: 3_600_000 },
      10_000,
    ),
  };
}
