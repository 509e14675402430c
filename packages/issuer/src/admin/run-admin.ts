import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { SkillproofError } from '@skillproof/core';
import { formatCopiedTables, type DatabaseSettings } from '@skillproof/server/database';
import type { IssuerLog } from '../ports/issuer-log.js';
import { listCommand } from './commands/list-command.js';
import { backupCommand, exportToPostgresCommand } from './commands/move-commands.js';
import { rotateKeyCommand } from './commands/rotate-key-command.js';
import {
  reinstateCommand,
  revokeCommand,
  suspendCommand,
  type CredentialSelector,
} from './commands/status-commands.js';
import { formatCredentialTable } from './format-credential-table.js';
import { migrateIssuerDatabase } from '../store/issuer-database.js';
import { openIssuerData, openIssuerDatabase } from './open-issuer-data.js';

/** What {@link runAdmin} needs besides the arguments. */
export interface RunAdminDeps {
  /** The issuer's data directory (`DATA_DIR`). */
  dataDir: string;
  /** The key secret (`ISSUER_KEY_SECRET` or `<DATA_DIR>/key-secret`); only `rotate-key` needs it. */
  keySecret?: string | undefined;
  /** `DATABASE_URL` and its pool settings: the PostgreSQL database instead of `<dataDir>/issuer.db`. */
  database?: Partial<DatabaseSettings>;
  now?: () => Date;
  log?: IssuerLog;
  /** Progress of long commands (`export-to-postgres`), for a line on stderr. */
  onProgress?: (table: string, done: number, total: number) => void;
}

/** Usage of the admin command. */
export const adminUsage = `usage: admin <command> [options]   (DATA_DIR names the issuer's data directory)
  list [--learner <did>] [--json]                   credentials issued, with their status
  revoke    (--id <credentialId> | --learner <did>) [--json]   revoke for good
  suspend   (--id <credentialId> | --learner <did>) [--json]   suspend until reinstated
  reinstate (--id <credentialId> | --learner <did>) [--json]   lift a suspension
  rotate-key [--json]                               a new signing key for the did:web identity
  migrate                                           bring the schema up to date (before new instances roll out)
  backup <file>                                     a consistent copy of the live SQLite database
  export-to-postgres <postgres://…> [--json]        copy the SQLite database into an empty PostgreSQL one
`;

const statusCommands = {
  revoke: revokeCommand,
  suspend: suspendCommand,
  reinstate: reinstateCommand,
} as const;

/** `backup <file>` and `export-to-postgres <url> [--json]`: the commands that take a positional. */
async function moveCommand(
  command: 'backup' | 'export-to-postgres',
  rest: readonly string[],
  deps: RunAdminDeps,
): Promise<string> {
  const json = rest.includes('--json');
  const positionals = rest.filter((arg) => arg !== '--json');
  if (positionals.length > 1 || positionals.some((arg) => arg.startsWith('--'))) {
    usageError(`${command} takes one ${command === 'backup' ? 'file' : 'postgres:// URL'}`);
  }
  if (command === 'backup') {
    const done = await backupCommand(deps.dataDir, deps.database ?? {}, positionals[0]);
    return json
      ? `${JSON.stringify(done)}\n`
      : `backed up ${done.pages} pages to ${done.destination}\n`;
  }
  const tables = await exportToPostgresCommand(
    deps.dataDir,
    deps.database ?? {},
    positionals[0],
    deps.onProgress,
  );
  if (json) return `${JSON.stringify({ tables }, null, 2)}\n`;
  return formatCopiedTables(tables);
}

function usageError(message: string): never {
  throw new SkillproofError('VALIDATION_FAILED', `${message}\n${adminUsage}`);
}

/**
 * Runs one admin command on the issuer's database and returns what to print (a table, or JSON
 * with `--json`). Throws rather than exiting, so that tests call it directly.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for bad arguments (the message carries the usage),
 * `NOT_FOUND` when no credential matches, `CONFIGURATION_INVALID` when `dataDir` holds no issuer.
 * @example
 * ```ts
 * const output = await runAdmin(['revoke', '--id', 'urn:uuid:…'], { dataDir });
 * ```
 */
export async function runAdmin(args: readonly string[], deps: RunAdminDeps): Promise<string> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help') return adminUsage;
  if (command === 'backup' || command === 'export-to-postgres')
    return moveCommand(command, rest, deps);
  let values: { id?: string; learner?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        id: { type: 'string' },
        learner: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const print = (records: Parameters<typeof formatCredentialTable>[0]) =>
    values.json ? `${JSON.stringify(records, null, 2)}\n` : formatCredentialTable(records);

  if (command === 'migrate') {
    if (values.id !== undefined || values.learner !== undefined) {
      usageError('migrate takes no --id or --learner');
    }
    if (deps.database?.url === undefined) mkdirSync(deps.dataDir, { recursive: true, mode: 0o700 });
    const database = openIssuerDatabase(deps.dataDir, deps.database, false);
    try {
      const applied = await migrateIssuerDatabase(database);
      if (values.json) return `${JSON.stringify(applied, null, 2)}\n`;
      return Object.entries(applied)
        .map(
          ([scope, versions]) =>
            `${scope}: ${versions.length === 0 ? 'up to date' : `applied ${versions.join(', ')}`}\n`,
        )
        .join('');
    } finally {
      await database.close();
    }
  }
  if (command === 'list') {
    if (values.id !== undefined) usageError('list takes no --id');
    const data = await openIssuerData(deps.dataDir, deps.database);
    try {
      return print(
        await listCommand(data, values.learner === undefined ? {} : { learner: values.learner }),
      );
    } finally {
      await data.close();
    }
  }
  if (command === 'rotate-key') {
    if (values.id !== undefined || values.learner !== undefined)
      usageError('rotate-key takes no --id or --learner');
    if (deps.keySecret === undefined) {
      throw new SkillproofError(
        'CONFIGURATION_INVALID',
        `rotate-key needs the issuer's key secret: set ISSUER_KEY_SECRET, or keep it in ${deps.dataDir}/key-secret`,
      );
    }
    const data = await openIssuerData(deps.dataDir, deps.database);
    try {
      const rotated = await rotateKeyCommand(data, deps.keySecret);
      return values.json
        ? `${JSON.stringify(rotated, null, 2)}\n`
        : `${rotated.did} now signs with ${rotated.verificationMethod}\nits DID document lists ${rotated.verificationMethods.length} keys; credentials signed with the older ones still verify\n`;
    } finally {
      await data.close();
    }
  }
  if (!Object.hasOwn(statusCommands, command))
    usageError(`unknown command ${JSON.stringify(command)}`);
  if ((values.id === undefined) === (values.learner === undefined)) {
    usageError(`${command} needs exactly one of --id <credentialId> or --learner <did>`);
  }
  const selector: CredentialSelector =
    values.id !== undefined ? { id: values.id } : { learner: values.learner as string };
  const data = await openIssuerData(deps.dataDir, deps.database);
  try {
    const changed = await statusCommands[command as keyof typeof statusCommands](
      {
        statusLists: data.statusLists,
        now: deps.now ?? (() => new Date()),
        log: deps.log ?? { info() {}, error() {} },
      },
      selector,
    );
    return print(changed);
  } finally {
    await data.close();
  }
}
