#!/usr/bin/env node
// `pnpm --filter @skillproof/jobboard admin <command> …`: administration on the board's own
// database (DATABASE_URL, else DATA_DIR's SQLite file), for when the admin API is not the way in,
// and `migrate`, which brings the schema up to date before new instances roll out.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isSkillproofError } from '@skillproof/core';
import { openDatabaseFromConfig } from '@skillproof/server/database';
import { readMainConfig } from '../read-main-config.js';
import { createJobboardStore, migrateJobboardDatabase } from '../store/jobboard-store.js';
import {
  AdminUsageError,
  createEmployerCommand,
  createEmployerUsage,
  describeCreatedEmployer,
} from './create-employer-command.js';

const usage = `usage: admin ${createEmployerUsage}\n       admin migrate`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'create-employer' && command !== 'migrate') {
    process.stderr.write(
      `${command === undefined ? 'no command' : `unknown command "${command}"`}\n${usage}\n`,
    );
    return 2;
  }
  const { dataDir, database: settings } = readMainConfig(process.env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const database = openDatabaseFromConfig({
    ...settings,
    sqliteFile: join(dataDir, 'jobboard.db'),
  });
  try {
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
