import { Command, CommanderError, Option } from 'commander';
import type { CommandContext } from './commands/command-context.js';

/** Exit codes, documented in the README. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/** A usage mistake (unknown command, missing argument, a file that can't be read): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Thrown by a command that has already printed its outcome and only needs a non-zero exit code
 * (changesets' `ExitError`), e.g. `verify` on a credential that does not verify.
 */
export class ExitError extends Error {
  override readonly name = 'ExitError';

  constructor(readonly exitCode: number) {
    super(`exit code ${exitCode}`);
  }
}

type ContextFactory = (flags: { json: boolean }) => CommandContext;

/**
 * Declares the `skillproof` commands. Each command's module is imported only when it runs, so
 * `skillproof list` never loads Veramo or the network code.
 */
export function createCli(
  makeContext: ContextFactory,
  write: { out: (text: string) => void; err: (text: string) => void },
): Command {
  const program = new Command('skillproof')
    .description('Your verifiable skills wallet: earn badges, hold them, apply to jobs with them.')
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .showHelpAfterError('(add --help for usage)');
  const json = new Option('--json', 'print machine-readable JSON');
  const context = (command: Command) =>
    makeContext({ json: command.opts<{ json?: boolean }>().json === true });

  program
    .command('init')
    .description('create your wallet: a did:key and a passphrase-encrypted key store')
    .addOption(json)
    .addHelpText('after', '\nExample:\n  SKILLPROOF_PASSPHRASE=… skillproof init')
    .action(async (_options, command: Command) => {
      const { initCommand } = await import('./commands/init.js');
      await initCommand(context(command));
    });

  program
    .command('did')
    .description('print your DID')
    .addOption(json)
    .addHelpText('after', '\nExample:\n  skillproof did')
    .action(async (_options, command: Command) => {
      const { didCommand } = await import('./commands/did.js');
      await didCommand(context(command));
    });

  program
    .command('tasks')
    .description("list an issuer's badges and their micro-tests")
    .option(
      '--issuer <url>',
      'issuer base URL (default $SKILLPROOF_ISSUER_URL or http://localhost:4100)',
    )
    .addOption(json)
    .addHelpText('after', '\nExample:\n  skillproof tasks --issuer http://localhost:4100')
    .action(async (options: { issuer?: string }, command: Command) => {
      const { tasksCommand } = await import('./commands/tasks.js');
      await tasksCommand(context(command), options);
    });

  program
    .command('attempt')
    .description('take the micro-test for a badge; on a pass the badge is verified and stored')
    .argument('<badge>', 'badge id from `skillproof tasks`')
    .option(
      '--issuer <url>',
      'issuer base URL (default $SKILLPROOF_ISSUER_URL or http://localhost:4100)',
    )
    .option(
      '--answers <file>',
      'answer from a JSON file {"<task id>": "<choice id or text>"} instead of prompts',
    )
    .addOption(json)
    .addHelpText('after', '\nExample:\n  skillproof attempt git-basics')
    .action(
      async (badge: string, options: { issuer?: string; answers?: string }, command: Command) => {
        const { attemptCommand } = await import('./commands/attempt.js');
        await attemptCommand(context(command), badge, options);
      },
    );

  program
    .command('list')
    .description('list the badges in your wallet')
    .addOption(json)
    .addHelpText('after', '\nExample:\n  skillproof list --json')
    .action(async (_options, command: Command) => {
      const { listCommand } = await import('./commands/list.js');
      await listCommand(context(command));
    });

  program
    .command('apply')
    .description('apply to a job posting with the badges it asks for')
    .argument('<posting-url>', 'the posting address, e.g. http://localhost:4300/postings/<id>')
    .option('-y, --yes', 'share the matching badges without asking')
    .addOption(json)
    .addHelpText(
      'after',
      '\nExample:\n  skillproof apply http://localhost:4300/postings/3f2c… --yes',
    )
    .action(async (postingUrl: string, options: { yes?: boolean }, command: Command) => {
      const { applyCommand } = await import('./commands/apply.js');
      await applyCommand(context(command), postingUrl, options);
    });

  program
    .command('verify')
    .description('verify a credential or presentation (JWT or JSON) and show every check')
    .argument('<file>', 'a file holding a JWT or JSON, or - for standard input')
    .option(
      '--trust <did>',
      'an issuer DID to trust (repeatable); without it, trust is not evaluated',
      (did: string, previous: string[] | undefined) => [...(previous ?? []), did],
    )
    .option('--challenge <nonce>', 'the nonce a presentation must carry')
    .option('--domain <domain>', 'the audience a presentation must name')
    .addOption(json)
    .addHelpText(
      'after',
      '\nExamples:\n  skillproof verify badge.jwt --trust did:key:z6Mk…\n  cat presentation.jwt | skillproof verify - --challenge <nonce> --domain https://jobs.example',
    )
    .action(
      async (
        file: string,
        options: { trust?: string[]; challenge?: string; domain?: string },
        command: Command,
      ) => {
        const { verifyCommand } = await import('./commands/verify.js');
        await verifyCommand(context(command), file, options);
      },
    );

  return program;
}

/**
 * Maps commander's own exits (help and version are success, anything else a usage error) and
 * passes on a {@link UsageError} a command threw.
 */
export function usageErrorFrom(error: unknown): UsageError | 'help' | undefined {
  if (error instanceof UsageError) return error;
  if (!(error instanceof CommanderError)) return undefined;
  if (
    error.code === 'commander.helpDisplayed' ||
    error.code === 'commander.help' ||
    error.code === 'commander.version'
  )
    return 'help';
  return new UsageError(error.message);
}
