#!/usr/bin/env node
// `pnpm --filter @skillproof/jobboard admin <command> …`: administration on the board's own
// database (DATABASE_URL, else DATA_DIR's SQLite file), for when the admin API is not the way in,
// and `migrate`, which brings the schema up to date before new instances roll out.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isSkillproofError } from '@skillproof/core';
import {
  copySqliteToPostgres,
  DatabaseCopyError,
  formatCopiedTables,
  isPostgresUrl,
  openDatabaseFromConfig,
  type Database,
} from '@skillproof/server/database';
import { backupSqliteFile } from '@skillproof/server/sqlite';
import { readMainConfig } from '../read-main-config.js';
import { createJobboardStore, migrateJobboardDatabase } from '../store/jobboard-store.js';
import {
  AdminUsageError,
  createEmployerCommand,
  createEmployerUsage,
  describeCreatedEmployer,
} from './create-employer-command.js';

const usage = `usage: admin ${createEmployerUsage}
       admin migrate
       admin export-to-postgres <postgres://…> [--json]
       admin backup <file>`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Copies the board's SQLite database (DATA_DIR's `jobboard.db`) into an empty PostgreSQL
 * database, after migrating both: the move to PostgreSQL. Progress on stderr, a table (or
 * `--json`) on stdout.
 */
async function exportToPostgres(sqlite: Database, args: string[]): Promise<number> {
  const json = args.includes('--json');
  const [url, ...rest] = args.filter((arg) => arg !== '--json');
  if (url === undefined || rest.length > 0 || !isPostgresUrl(url)) {
    throw new AdminUsageError('export-to-postgres takes one postgres:// URL');
  }
  if (sqlite.engine !== 'sqlite') {
    throw new AdminUsageError('export-to-postgres copies the SQLite database: unset DATABASE_URL');
  }
  const postgres = openDatabaseFromConfig({ url, sqliteFile: ':memory:' });
  try {
    await migrateJobboardDatabase(sqlite);
    await migrateJobboardDatabase(postgres);
    const copied = await copySqliteToPostgres(sqlite, postgres, {
      onProgress: (table, done, total) => {
        if (!json) process.stderr.write(`\r${table}: ${done}/${total} rows`);
        if (!json && done === total) process.stderr.write('\n');
      },
    });
    if (json) {
      process.stdout.write(`${JSON.stringify({ tables: copied })}\n`);
    } else {
      process.stdout.write(formatCopiedTables(copied));
    }
    return 0;
  } finally {
    await postgres.close();
  }
}

/** Copies the live SQLite database to a new file (SQLite's online backup). */
async function backup(dataDir: string, url: string | undefined, args: string[]): Promise<number> {
  if (isPostgresUrl(url)) {
    throw new AdminUsageError('backup copies the SQLite database; on PostgreSQL use pg_dump');
  }
  const [destination, ...rest] = args;
  if (destination === undefined || rest.length > 0) {
    throw new AdminUsageError('backup takes the file to write');
  }
  const { pages } = await backupSqliteFile(join(dataDir, 'jobboard.db'), destination);
  process.stdout.write(`backed up ${pages} pages to ${destination}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const commands = ['create-employer', 'migrate', 'export-to-postgres', 'backup'];
  if (command === undefined || !commands.includes(command)) {
    process.stderr.write(
      `${command === undefined ? 'no command' : `unknown command "${command}"`}\n${usage}\n`,
    );
    return 2;
  }
  const { dataDir, database: settings } = readMainConfig(process.env);
  if (command === 'backup') return backup(dataDir, settings.url, args);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const database = openDatabaseFromConfig({
    ...settings,
    sqliteFile: join(dataDir, 'jobboard.db'),
  });
  try {
    if (command === 'export-to-postgres') return await exportToPostgres(database, args);
    if (command === 'migrate') {
      const applied = await migrateJobboardDatabase(database);
      for (const [scope, versions] of Object.entries(applied)) {
        process.stdout.write(
          `${scope}: ${versions.length === 0 ? 'up to date' : `applied ${versions.join(', ')}`}\n`,
        );
      }
      return 0;
    }
    const { result, json } = await createEmployerCommand(args, {
      store: await createJobboardStore(database),
      now: () => new Date(),
      readStdin,
    });
    process.stdout.write(
      json ? `${JSON.stringify(result)}\n` : `${describeCreatedEmployer(result).join('\n')}\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof DatabaseCopyError) {
      process.stderr.write(`admin: ${error.message}; nothing was written\n`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof AdminUsageError) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      process.exitCode = 2;
      return;
    }
    const known = isSkillproofError(error);
    process.stderr.write(`admin: ${known ? (error as Error).message : String(error)}\n`);
    process.exitCode = 1;
  },
);
