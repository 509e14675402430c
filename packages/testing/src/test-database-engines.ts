/** The database engines a store's tests run on. */
export type TestDatabaseEngine = 'sqlite' | 'postgres';

/** The PostgreSQL server tests create their databases on (a superuser URL, loopback). */
export const testDatabaseUrlVariable = 'SKILLPROOF_TEST_DATABASE_URL';
/** Set to 1 (CI does, `.ci/run`): a test that needs PostgreSQL and finds none fails. */
export const requirePostgresVariable = 'SKILLPROOF_TEST_REQUIRE_POSTGRES';

/**
 * The PostgreSQL server URL tests may use, or `undefined` when none is configured (a developer's
 * machine without a server: tests then run on SQLite alone).
 *
 * @throws Error when none is configured but `SKILLPROOF_TEST_REQUIRE_POSTGRES=1`: in CI a
 * missing server must fail loudly, never quietly shrink the suite to SQLite.
 */
export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env[testDatabaseUrlVariable]?.trim();
  if (url) return url;
  if (env[requirePostgresVariable] === '1') {
    throw new Error(
      `${testDatabaseUrlVariable} is not set but ${requirePostgresVariable}=1: these tests need a PostgreSQL server (.ci/with-postgres starts one)`,
    );
  }
  return undefined;
}

/**
 * The engines a store's contract tests run on: SQLite always, PostgreSQL too when
 * {@link testPostgresUrl} finds a server. Use with `describe.each`.
 *
 * @example
 * ```ts
 * describe.each(testDatabaseEngines())('the store on %s', (engine) => { … });
 * ```
 */
export function testDatabaseEngines(env: NodeJS.ProcessEnv = process.env): TestDatabaseEngine[] {
  return testPostgresUrl(env) === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
}
