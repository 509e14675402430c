#!/usr/bin/env node
import { readConfig } from '@skillproof/core';
import { createCli, ExitError, exitCodes, usageErrorFrom } from './cli.js';
import type { CommandContext } from './commands/command-context.js';
import type { Prompter } from './terminal/prompt.js';
import { resolveWalletHome } from './wallet/wallet-home.js';

// bin: catch, print one line, exit. Commands throw; only this file calls process.exit.
const write = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
};
const debug = process.argv.includes('--debug');
// no-color.org: set and not empty.
const noColor = readConfig(process.env).text('NO_COLOR') !== undefined;
// One prompter for the whole run (answers piped into stdin are read one line per question),
// loaded only when a command first asks something.
let terminalPrompter: Promise<Prompter> | undefined;
const openPrompter = () =>
  (terminalPrompter ??= import('./terminal/prompt.js').then((module) =>
    module.createTerminalPrompter(),
  ));
const prompter: Prompter = {
  ask: async (question) => (await openPrompter()).ask(question),
  askSecret: async (question) => (await openPrompter()).askSecret(question),
};
const makeContext = ({ json }: { json: boolean }): CommandContext => ({
  home: resolveWalletHome(process.env),
  env: process.env,
  output: {
    json,
    color: process.stdout.isTTY === true && !noColor,
    interactive: process.stderr.isTTY === true,
    stdout: write.out,
    stderr: write.err,
  },
  prompter,
  stdin: () => process.stdin,
  fetch: globalThis.fetch,
  now: () => new Date(),
});

function isSkillproofError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'SkillproofError';
}

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
    // The command has printed its outcome already, or gives the one line to print.
    if (error.reason !== undefined) write.err(`skillproof: ${error.reason}\n`);
    process.exitCode = error.exitCode;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    write.err(
      `skillproof: ${isSkillproofError(error) ? message : `unexpected error: ${message} (run again with --debug for details)`}\n`,
    );
    if (debug && error instanceof Error && error.stack) write.err(`${error.stack}\n`);
    process.exitCode = exitCodes.failure;
  }
}
// A prompt's reader may hold stdin open; the work is done, so leave. (Writes to pipes and files
// are synchronous on Linux and macOS, so nothing printed is lost.)
process.exit(process.exitCode);
