import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.js';

/** How many rows of one table {@link copySqliteToPostgres} copied. */
export interface CopiedTable {
  table: string;
  rows: number;
}

/** Options for {@link copySqliteToPostgres}. */
export interface CopyDatabaseOptions {
  /** Rows read and written per statement. Default 500. */
  batchSize?: number;
  /** Called after each batch (and once per table before its first), for a progress line. */
  onProgress?(table: string, copied: number, total: number): void;
}

/** Why {@link copySqliteToPostgres} refused: nothing was written. */
export class DatabaseCopyError extends Error {
  override name = 'DatabaseCopyError';
}

// Never copied: the target's own migrations wrote these, and they must already agree.
const migrationTable = 'schema_migrations';

type AnyKysely = Kysely<Record<string, Record<string, unknown>>>;

interface SourceTable {
  name: string;
  /** False for a SQLite `WITHOUT ROWID` table. */
  hasRowid: boolean;
  columns: string[];
}

async function sourceTables(db: AnyKysely): Promise<SourceTable[]> {
  const { rows } = await sql<{ name: string; sql: string }>`
    SELECT name, sql FROM sqlite_master
    WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ${migrationTable}
    ORDER BY name`.execute(db);
  const tables: SourceTable[] = [];
  for (const row of rows) {
    const columns = await sql<{ name: string }>`
      SELECT name FROM pragma_table_info(${row.name}) ORDER BY cid`.execute(db);
    tables.push({
      name: row.name,
      hasRowid: !/WITHOUT\s+ROWID\s*$/i.test(row.sql.trim()),
      columns: columns.rows.map((column) => column.name),
    });
  }
  return tables;
}

/** Each target table's columns, and which of them a sequence fills (`bigserial`). */
async function targetTables(
  db: Transaction<Record<string, Record<string, unknown>>>,
): Promise<Map<string, { columns: Set<string>; serial: string[] }>> {
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    column_default: string | null;
  }>`
    SELECT c.table_name, c.column_name, c.column_default
    FROM information_schema.columns c
    JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`.execute(db);
  const tables = new Map<string, { columns: Set<string>; serial: string[] }>();
  for (const row of rows) {
    if (row.table_name === migrationTable) continue;
    const table = tables.get(row.table_name) ?? { columns: new Set<string>(), serial: [] };
    table.columns.add(row.column_name);
    if (row.column_default?.startsWith('nextval(')) table.serial.push(row.column_name);
    tables.set(row.table_name, table);
  }
  return tables;
}

/** The target's tables, each after the tables its foreign keys point to. */
async function referenceOrder(
  db: Transaction<Record<string, Record<string, unknown>>>,
  names: readonly string[],
): Promise<string[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, p.relname AS parent
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema()`.execute(db);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>): void => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const row of rows) if (row.child === name && row.parent !== name) visit(row.parent, path);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of [...names].sort()) visit(name, new Set());
  return ordered.filter((name) => names.includes(name));
}

async function migrationVersions(
  db: AnyKysely,
  engine: Database['engine'],
): Promise<Map<string, number>> {
  const exists =
    engine === 'postgres'
      ? sql<{ found: boolean }>`SELECT to_regclass(${migrationTable}) IS NOT NULL AS found`
      : sql<{ found: number }>`
          SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ${migrationTable}) AS found`;
  if (!(await exists.execute(db)).rows[0]?.found) return new Map();
  const { rows } = await sql<{ scope: string; version: number | string }>`
    SELECT scope, MAX(version) AS version FROM schema_migrations GROUP BY scope`.execute(db);
  return new Map(rows.map((row) => [row.scope, Number(row.version)]));
}

function describeVersions(versions: Map<string, number>): string {
  const described = [...versions.entries()].sort().map(([scope, version]) => `${scope} ${version}`);
  return described.length === 0 ? 'none' : described.join(', ');
}

/**
 * Copies every row of a SQLite database into an empty PostgreSQL database with the same schema:
 * the move a deployment makes when it outgrows one machine. Migrate both first (the service's
 * own `migrate`): their migration versions must agree. Runs in one PostgreSQL transaction, so a
 * refusal or a failure part-way leaves the target as it was; row counts are compared before it
 * commits. Rows keep their SQLite `rowid` where the PostgreSQL table has a `rowid` column (the
 * order stores list by), and each sequence then continues after the highest copied value.
 *
 * @throws DatabaseCopyError when the engines are not SQLite → PostgreSQL, the migration versions
 * differ, the target already holds rows, or a source table or column has no place in the target.
 * @example
 * ```ts
 * await migrateJobboardDatabase(sqlite);
 * await migrateJobboardDatabase(postgres);
 * await copySqliteToPostgres(sqlite, postgres); // [{ table: 'postings', rows: 12 }, …]
 * ```
 */
export async function copySqliteToPostgres(
  source: Database,
  target: Database,
  options: CopyDatabaseOptions = {},
): Promise<CopiedTable[]> {
  if (source.engine !== 'sqlite' || target.engine !== 'postgres') {
    throw new DatabaseCopyError('the copy goes from a SQLite database to a PostgreSQL database');
  }
  const batchSize = options.batchSize ?? 500;
  const from = source.kysely as AnyKysely;
  const tables = await sourceTables(from);
  const sourceVersions = await migrationVersions(from, 'sqlite');
  return (target.kysely as AnyKysely).transaction().execute(async (trx) => {
    const targetVersions = await migrationVersions(trx, 'postgres');
    if (describeVersions(sourceVersions) !== describeVersions(targetVersions)) {
      throw new DatabaseCopyError(
        `the schemas differ (SQLite: ${describeVersions(sourceVersions)}; PostgreSQL: ${describeVersions(targetVersions)}): run migrate on both first`,
      );
    }
    const target = await targetTables(trx);
    for (const table of tables) {
      const columns = target.get(table.name)?.columns;
      if (!columns) {
        throw new DatabaseCopyError(`the PostgreSQL database has no table ${table.name}`);
      }
      const missing = table.columns.filter((column) => !columns.has(column));
      if (missing.length > 0) {
        throw new DatabaseCopyError(
          `the PostgreSQL table ${table.name} has no column ${missing.join(', ')}`,
        );
      }
    }
    for (const name of target.keys()) {
      const { rows } = await sql<{ any: boolean }>`
        SELECT EXISTS (SELECT 1 FROM ${sql.table(name)}) AS any`.execute(trx);
      if (rows[0]?.any) {
        throw new DatabaseCopyError(
          `the PostgreSQL database is not empty (table ${name} has rows): copy into a new database`,
        );
      }
    }
    const byName = new Map(tables.map((table) => [table.name, table]));
    const copied: CopiedTable[] = [];
    for (const name of await referenceOrder(trx, [...byName.keys()])) {
      const table = byName.get(name)!;
      const { serial } = target.get(name)!;
      const withRowid =
        table.hasRowid && serial.includes('rowid') && !table.columns.includes('rowid');
      const selected = withRowid ? ['rowid', ...table.columns] : table.columns;
      const order = table.hasRowid
        ? sql`rowid`
        : sql.join(table.columns.map((_, index) => sql.lit(index + 1)));
      const counted = await sql<{ n: number }>`
        SELECT COUNT(*) AS n FROM ${sql.table(name)}`.execute(from);
      const total = Number(counted.rows[0]?.n ?? 0);
      options.onProgress?.(name, 0, total);
      let done = 0;
      while (done < total) {
        const batch = await sql<Record<string, unknown>>`
          SELECT ${sql.join(selected.map((column) => sql.ref(column)))}
          FROM ${sql.table(name)} ORDER BY ${order}
          LIMIT ${batchSize} OFFSET ${done}`.execute(from);
        if (batch.rows.length === 0) break;
        await trx.insertInto(name).values(batch.rows).execute();
        done += batch.rows.length;
        options.onProgress?.(name, done, total);
      }
      const written = await sql<{ n: string }>`
        SELECT COUNT(*) AS n FROM ${sql.table(name)}`.execute(trx);
      if (Number(written.rows[0]?.n) !== total) {
        throw new DatabaseCopyError(
          `table ${name}: ${total} rows in SQLite but ${String(written.rows[0]?.n)} copied`,
        );
      }
      for (const column of serial) {
        await sql`SELECT setval(pg_get_serial_sequence(${name}, ${column}),
          COALESCE((SELECT MAX(${sql.ref(column)}) FROM ${sql.table(name)}), 0) + 1, false)`.execute(
          trx,
        );
      }
      copied.push({ table: name, rows: total });
    }
    return copied;
  });
}

/**
 * What {@link copySqliteToPostgres} copied, as a two-column table for a terminal.
 *
 * @example
 * ```ts
 * formatCopiedTables([{ table: 'postings', rows: 12 }]); // 'table     rows\npostings  12\n'
 * ```
 */
export function formatCopiedTables(tables: readonly CopiedTable[]): string {
  const width = Math.max(5, ...tables.map(({ table }) => table.length));
  const rows = tables.map(({ table, rows: count }) => `${table.padEnd(width)}  ${count}`);
  return `${[`${'table'.padEnd(width)}  rows`, ...rows].join('\n')}\n`;
}
