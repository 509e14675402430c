#!/usr/bin/env node
// `pnpm --filter @skillproof/jobboard admin <command> …`: administration on the board's own
// database (DATA_DIR), for when the admin API is not the way in.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isSkillproofError } from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import { readMainConfig } from '../read-main-config.js';
import { createJobboardStore } from '../store/sqlite-jobboard-store.js';
import {
  AdminUsageError,
  createEmployerCommand,
  createEmployerUsage,
  describeCreatedEmployer,
} from './create-employer-command.js';

const usage = `usage: admin ${createEmployerUsage}`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'create-employer') {
    process.stderr.write(
      `${command === undefined ? 'no command' : `unknown command "${command}"`}\n${usage}\n`,
    );
    return 2;
  }
  const { dataDir } = readMainConfig(process.env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(dataDir, 'jobboard.db'));
  try {
    const { result, json } = await createEmployerCommand(args, {
      store: createJobboardStore(db),
      now: () => new Date(),
      readStdin,
    });
    process.stdout.write(
      json ? `${JSON.stringify(result)}\n` : `${describeCreatedEmployer(result).join('\n')}\n`,
    );
    return 0;
  } finally {
    db.close();
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
