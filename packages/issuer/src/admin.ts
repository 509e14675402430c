// The issuer's admin command: reads the environment, runs one command, prints, sets the exit code.
import { isSkillproofError } from '@skillproof/core';
import { runAdmin } from './admin/run-admin.js';
import { readIssuerConfig } from './config/read-issuer-config.js';

try {
  const { dataDir } = readIssuerConfig(process.env);
  process.stdout.write(await runAdmin(process.argv.slice(2), { dataDir }));
} catch (error) {
  const message = isSkillproofError(error)
    ? error.message
    : error instanceof Error
      ? error.message
      : String(error);
  process.stderr.write(`admin: ${message}\n`);
  process.exitCode = 1;
}
