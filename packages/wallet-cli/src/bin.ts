#!/usr/bin/env node
import { isSkillproofError } from '@skillproof/core';
import { createCli, ExitError, exitCodes, usageErrorFrom } from './cli.js';
import type { CommandContext } from './commands/command-context.js';
import { createTerminalPrompter } from './terminal/prompt.js';
import { resolveWalletHome } from './wallet/wallet-home.js';

// bin: catch, print one line, exit. Commands throw; only this file calls process.exit.
const write = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
};
const debug = process.argv.includes('--debug');
const makeContext = ({ json }: { json: boolean }): CommandContext => ({
  home: resolveWalletHome(process.env),
  env: process.env,
  output: {
    json,
    color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
    interactive: process.stderr.isTTY === true,
    stdout: write.out,
    stderr: write.err,
  },
  prompter: createTerminalPrompter(),
  stdin: () => process.stdin,
  fetch: globalThis.fetch,
  now: () => new Date(),
});

try {
  await createCli(makeContext, write).parseAsync(process.argv);
  process.exitCode = exitCodes.ok;
} catch (error) {
  const usage = usageErrorFrom(error);
  if (usage === 'help') {
    process.exitCode = exitCodes.ok;
  } else if (usage) {
    // Commander has printed its own usage errors; a command's is ours to print.
    if (usage === error) write.err(`skillproof: ${usage.message}\n`);
    process.exitCode = exitCodes.usage;
  } else if (error instanceof ExitError) {
    // The command has printed its outcome already.
    process.exitCode = error.exitCode;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    const known = isSkillproofError(error);
    write.err(
      `skillproof: ${known ? message : `unexpected error: ${message} (run again with --debug for details)`}\n`,
    );
    if (debug && error instanceof Error && error.stack) write.err(`${error.stack}\n`);
    process.exitCode = exitCodes.failure;
  }
}
// Readline may hold stdin open; the work is done, so leave.
process.exit(process.exitCode);
