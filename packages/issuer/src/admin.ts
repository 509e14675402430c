// The issuer's admin command: reads the environment, runs one command, prints, sets the exit code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSkillproofError } from '@skillproof/core';
import { runAdmin } from './admin/run-admin.js';
import { readIssuerConfig } from './config/read-issuer-config.js';

/** The key secret as the service finds it: the setting, or the file it keeps one in (never made here). */
function keySecretOf(dataDir: string, setting: string | undefined): string | undefined {
  if (setting !== undefined) return setting;
  const path = join(dataDir, 'key-secret');
  return existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
}

try {
  const { dataDir, keySecret, database } = readIssuerConfig(process.env);
  process.stdout.write(
    await runAdmin(process.argv.slice(2), {
      dataDir,
      keySecret: keySecretOf(dataDir, keySecret),
      database,
      onProgress: (table, done, total) => {
        process.stderr.write(`\r${table}: ${done}/${total} rows`);
        if (done === total) process.stderr.write('\n');
      },
    }),
  );
} catch (error) {
  const message = isSkillproofError(error)
    ? error.message
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`admin: ${message}\n`);
  process.exitCode = 1;
}
