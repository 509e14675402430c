import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { applicationsDeclaration } from './commands/applications.js';
import { applyDeclaration } from './commands/apply.js';
import { claimDeclaration } from './commands/claim.js';
import { attemptDeclaration } from './commands/attempt.js';
import { renewDeclaration } from './commands/renew.js';
import type { CommandContext } from './commands/command-context.js';
import type {
  AnyCommandDeclaration,
  ExitCodeDeclaration,
  OptionDeclaration,
} from './commands/command-declaration.js';
import { didDeclaration } from './commands/did.js';
import { exportDeclaration } from './commands/export.js';
import { importDeclaration } from './commands/import.js';
import { initDeclaration } from './commands/init.js';
import { issuersDeclaration } from './commands/issuers.js';
import { jobsDeclaration } from './commands/jobs.js';
import { listDeclaration } from './commands/list.js';
import { monitorDeclaration } from './commands/monitor.js';
import { paymentsDeclaration } from './commands/payments.js';
import { witnessDeclaration } from './commands/witness.js';
import { practiceDeclaration } from './commands/practice.js';
import { presentDeclaration } from './commands/present.js';
import { progressDeclaration } from './commands/progress.js';
import { receiveDeclaration } from './commands/receive.js';
import { refreshDeclaration } from './commands/refresh.js';
import { showDeclaration } from './commands/show.js';
import { tasksDeclaration } from './commands/tasks.js';
import { verifyDeclaration } from './commands/verify.js';
import { exitCodes, UsageError } from './usage-error.js';

export { exitCodes, ExitError, UsageError } from './usage-error.js';

type ContextFactory = (flags: { json: boolean }) => CommandContext;

function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

const exitCodeHelp = `
Exit codes:
  ${exitCodes.ok}  done
  ${exitCodes.failure}  failed (the message on stderr says why and what to do next)
  ${exitCodes.usage}  usage mistake (unknown command or option, missing argument, unreadable
     file, no passphrase given and no terminal to ask for it)
  ${exitCodes.notValid}  not verified / not valid: a badge or presentation does not verify, or is
     revoked, suspended, expired or invalid (show, refresh, verify)
  ${exitCodes.statusUnknown}  status unknown: something could not be checked or reached (an issuer, a
     status list, a DID), so the result is partial; try again later (show,
     refresh, verify, tasks, apply)
  A command that has a result prints it in full before exiting 3 or 4 (with
  --json, the whole JSON).

Environment:
  SKILLPROOF_HOME        wallet folder (default ~/.skillproof)
  SKILLPROOF_PASSPHRASE  wallet passphrase, for scripts (else --passphrase-file, else a prompt)
  SKILLPROOF_ISSUER_URL  issuer address (default: the issuers you added, else http://localhost:4100)
  NO_COLOR               no colours`;

/** `  3  meaning…`, wrapped at 80 columns under the meaning's first word. */
function exitCodeList(declared: readonly ExitCodeDeclaration[]): string {
  const wrap = (text: string): string[] => {
    const lines: string[] = [];
    for (const word of text.split(' ')) {
      const last = lines.at(-1);
      if (last !== undefined && last.length + word.length < 75)
        lines[lines.length - 1] = `${last} ${word}`;
      else lines.push(word);
    }
    return lines;
  };
  const entries = declared.map(({ code, meaning }) =>
    wrap(meaning)
      .map((line, index) => (index === 0 ? `  ${code}  ${line}` : `     ${line}`))
      .join('\n'),
  );
  return `\nExit codes:\n${entries.join('\n')}`;
}

function example(...lines: readonly string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}

/** Every command, in the order `skillproof --help` lists them. */
const commandDeclarations: readonly AnyCommandDeclaration[] = [
  initDeclaration,
  didDeclaration,
  issuersDeclaration,
  tasksDeclaration,
  attemptDeclaration,
  renewDeclaration,
  receiveDeclaration,
  practiceDeclaration,
  progressDeclaration,
  listDeclaration,
  showDeclaration,
  verifyDeclaration,
  refreshDeclaration,
  monitorDeclaration,
  exportDeclaration,
  importDeclaration,
  jobsDeclaration,
  presentDeclaration,
  applyDeclaration,
  applicationsDeclaration,
  paymentsDeclaration,
  witnessDeclaration,
  claimDeclaration,
];

function optionFrom(declared: OptionDeclaration): Option {
  const option = new Option(declared.flags, declared.description);
  if (declared.required) option.makeOptionMandatory();
  if (declared.repeatable) {
    option.argParser((value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      value,
    ]);
  }
  return option;
}

/**
 * Declares the `skillproof` commands, one declaration per `commands/<name>.ts`. Each command's
 * action module is imported only when it runs, so `skillproof list` loads neither the verifier,
 * PEX nor the network code.
 *
 * @example
 * ```ts
 * await createCli(makeContext, { out, err }).parseAsync(process.argv);
 * ```
 */
export function createCli(
  makeContext: ContextFactory,
  write: { out: (text: string) => void; err: (text: string) => void },
): Command {
  const program = new Command('skillproof')
    .description('Your verifiable skills wallet: earn badges, hold them, apply to jobs with them.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'show stack traces for errors')
    .option('--passphrase-file <file>', 'read the wallet passphrase from the first line of a file')
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', exitCodeHelp);
  const context = (command: Command): CommandContext => {
    const options = command.optsWithGlobals<{ json?: boolean; passphraseFile?: string }>();
    const made = makeContext({ json: options.json === true });
    return options.passphraseFile === undefined
      ? made
      : { ...made, passphraseFile: options.passphraseFile };
  };
  const register = (parent: Command, declaration: AnyCommandDeclaration) => {
    const command = parent
      .command(declaration.name)
      // Every subcommand reports its own usage mistakes through the program's exit override.
      .exitOverride()
      .configureOutput({ writeOut: write.out, writeErr: write.err })
      .description(declaration.description);
    for (const argument of declaration.arguments ?? []) {
      command.argument(argument.name, argument.description);
    }
    for (const option of declaration.options ?? []) command.addOption(optionFrom(option));
    command.addHelpText('after', example(...declaration.examples));
    if (declaration.exitCodes) command.addHelpText('after', exitCodeList(declaration.exitCodes));
    for (const subcommand of declaration.subcommands ?? []) register(command, subcommand);
    const { run } = declaration;
    if (run) {
      command.action(async function (this: Command) {
        // commander has checked the arguments and options against the declaration.
        await run(context(this), this.processedArgs as never, this.opts() as never);
      });
    }
  };
  for (const declaration of commandDeclarations) register(program, declaration);
  return program;
}

/**
 * Maps commander's own exits (help and version are success, anything else a usage error) and
 * passes on a {@link UsageError} a command threw.
 *
 * @example
 * ```ts
 * usageErrorFrom(new UsageError('no file x')); // the same UsageError
 * ```
 */
export function usageErrorFrom(error: unknown): UsageError | 'help' | undefined {
  if (error instanceof UsageError) return error;
  if (!(error instanceof CommanderError)) return undefined;
  // Help asked for, and the version, exit 0; help shown for a missing subcommand does not.
  if (error.exitCode === 0) return 'help';
  return new UsageError(error.message);
}
