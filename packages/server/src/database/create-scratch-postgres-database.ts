import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database {@link createScratchPostgresDatabase} made, and how to reach and remove it. */
export interface ScratchPostgresDatabase {
  /** The server URL with this database's name in its path. */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates a new, empty database on the PostgreSQL server at `serverUrl` (a role allowed to
 * CREATE DATABASE), named `<prefix>_<random>`: each test suite (or a trial migration) gets its
 * own, so suites run in parallel without seeing each other's rows. Starts no server.
 *
 * @example
 * ```ts
 * const scratch = await createScratchPostgresDatabase(process.env.SKILLPROOF_TEST_DATABASE_URL!);
 * const database = openDatabaseFromConfig({ url: scratch.url, sqliteFile: ':memory:' });
 * await database.close();
 * await scratch.drop();
 * ```
 */
export async function createScratchPostgresDatabase(
  serverUrl: string,
  prefix = 'skillproof',
): Promise<ScratchPostgresDatabase> {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) {
    throw new TypeError('prefix must be lower-case letters, digits and _ (a PostgreSQL name)');
  }
  const name = `${prefix}_${randomBytes(8).toString('hex')}`;
  // Template0: nothing a previous run left in template1 comes along.
  await onServer(serverUrl, `CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
