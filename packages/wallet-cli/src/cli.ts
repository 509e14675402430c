import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { CommandContext } from './commands/command-context.js';
import { UsageError } from './usage-error.js';

export { exitCodes, ExitError, UsageError } from './usage-error.js';

type ContextFactory = (flags: { json: boolean }) => CommandContext;

function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

const exitCodeHelp = `
Exit codes:
  0  done
  1  failed (the message on stderr says why and what to do next)
  2  usage mistake (unknown command or option, missing argument, unreadable file)

Environment:
  SKILLPROOF_HOME        wallet folder (default ~/.skillproof)
  SKILLPROOF_PASSPHRASE  wallet passphrase, for scripts (else --passphrase-file, else a prompt)
  SKILLPROOF_ISSUER_URL  issuer address (default: the issuers you added, else http://localhost:4100)
  NO_COLOR               no colours`;

function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}

/**
 * Declares the `skillproof` commands. Each command's module is imported only when it runs, so
 * `skillproof list` loads neither the verifier, PEX nor the network code.
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
  const json = () => new Option('--json', 'print machine-readable JSON on stdout');
  const issuerOption = () =>
    new Option(
      '--issuer <url>',
      'issuer address (default: $SKILLPROOF_ISSUER_URL, your issuers, http://localhost:4100)',
    );
  const context = (command: Command): CommandContext => {
    const options = command.optsWithGlobals<{ json?: boolean; passphraseFile?: string }>();
    const made = makeContext({ json: options.json === true });
    return options.passphraseFile === undefined
      ? made
      : { ...made, passphraseFile: options.passphraseFile };
  };
  // Every subcommand reports its own usage mistakes through the program's exit override.
  const declare = (parent: Command, name: string) =>
    parent
      .command(name)
      .exitOverride()
      .configureOutput({ writeOut: write.out, writeErr: write.err });

  declare(program, 'init')
    .description('create your wallet: a did:key and its key, encrypted with your passphrase')
    .addOption(json())
    .addHelpText(
      'after',
      example('skillproof init', 'SKILLPROOF_PASSPHRASE=… skillproof init --json'),
    )
    .action(async (_options, command: Command) => {
      const { initCommand } = await import('./commands/init-action.js');
      await initCommand(context(command));
    });

  declare(program, 'did')
    .description('print your DID')
    .addOption(json())
    .addHelpText('after', example('skillproof did'))
    .action(async (_options, command: Command) => {
      const { didCommand } = await import('./commands/did-action.js');
      await didCommand(context(command));
    });

  const issuers = declare(program, 'issuers')
    .description('the issuers your wallet knows')
    .addHelpText(
      'after',
      example('skillproof issuers add http://localhost:4100', 'skillproof issuers list'),
    );
  declare(issuers, 'add')
    .description('add an issuer by its address (reads its public profile)')
    .argument('<url>', 'the issuer address, e.g. http://localhost:4100')
    .addOption(json())
    .addHelpText('after', example('skillproof issuers add http://localhost:4100'))
    .action(async (url: string, _options, command: Command) => {
      const { issuersAddCommand } = await import('./commands/issuers-action.js');
      await issuersAddCommand(context(command), url);
    });
  declare(issuers, 'list')
    .description('list the issuers you added')
    .addOption(json())
    .addHelpText('after', example('skillproof issuers list --json'))
    .action(async (_options, command: Command) => {
      const { issuersListCommand } = await import('./commands/issuers-action.js');
      await issuersListCommand(context(command));
    });

  declare(program, 'tasks')
    .description('list the badges issuers offer and their micro-tests')
    .addOption(issuerOption())
    .addOption(json())
    .addHelpText(
      'after',
      example('skillproof tasks', 'skillproof tasks --issuer http://localhost:4100 --json'),
    )
    .action(async (options: { issuer?: string }, command: Command) => {
      const { tasksCommand } = await import('./commands/tasks-action.js');
      await tasksCommand(context(command), options);
    });

  declare(program, 'attempt')
    .description('take the micro-test for a badge; on a pass the badge is verified and stored')
    .argument('<badge>', 'badge id from `skillproof tasks`')
    .addOption(issuerOption())
    .option(
      '--answers <file>',
      'answers from a JSON file {"<task id>": "<answer>"} instead of prompts',
    )
    .option('--input-dir <dir>', 'write each puzzle input to <dir>/<badge>-<task>.txt')
    .addOption(json())
    .addHelpText(
      'after',
      example(
        'skillproof attempt git-basics',
        'skillproof attempt python-problems-1 --input-dir ./inputs',
        'skillproof attempt git-basics --answers answers.json --json',
      ),
    )
    .action(
      async (
        badge: string,
        options: { issuer?: string; answers?: string; inputDir?: string },
        command: Command,
      ) => {
        const { attemptCommand } = await import('./commands/attempt-action.js');
        await attemptCommand(context(command), badge, options);
      },
    );

  declare(program, 'progress')
    .description('your attempts, best scores and next tries at each issuer')
    .addOption(issuerOption())
    .addOption(json())
    .addHelpText('after', example('skillproof progress'))
    .action(async (options: { issuer?: string }, command: Command) => {
      const { progressCommand } = await import('./commands/progress-action.js');
      await progressCommand(context(command), options);
    });

  declare(program, 'list')
    .description('list the badges in your wallet: badge, issuer, issued, expires, status')
    .addOption(json())
    .addHelpText('after', example('skillproof list', 'skillproof list --json'))
    .action(async (_options, command: Command) => {
      const { listCommand } = await import('./commands/list-action.js');
      await listCommand(context(command));
    });

  declare(program, 'show')
    .description('show a badge in full and verify it now, check by check')
    .argument(
      '<id>',
      'the badge id from `skillproof list`, its last 6+ characters, or the badge slug',
    )
    .addOption(json())
    .addHelpText(
      'after',
      example('skillproof show git-basics', 'skillproof show urn:uuid:6f1c… --json'),
    )
    .action(async (id: string, _options, command: Command) => {
      const { showCommand } = await import('./commands/show-action.js');
      await showCommand(context(command), id);
    });

  declare(program, 'verify')
    .description('verify a credential or presentation (JWT or JSON) and show every check')
    .argument('<file>', 'a file holding a JWT or JSON, or - for standard input')
    .option(
      '--trust <did>',
      'an issuer DID to trust (repeatable); without it, trust is not evaluated',
      (did: string, previous: string[] | undefined) => [...(previous ?? []), did],
    )
    .option('--challenge <nonce>', 'the nonce a presentation must carry')
    .option('--domain <domain>', 'the audience a presentation must name')
    .addOption(json())
    .addHelpText(
      'after',
      example(
        'skillproof verify badge.jwt --trust did:key:z6Mk…',
        'cat presentation.jwt | skillproof verify - --challenge <nonce> --domain https://jobs.example',
      ),
    )
    .action(
      async (
        file: string,
        options: { trust?: string[]; challenge?: string; domain?: string },
        command: Command,
      ) => {
        const { verifyCommand } = await import('./commands/verify-action.js');
        await verifyCommand(context(command), file, options);
      },
    );

  declare(program, 'refresh')
    .description('re-check every badge (signature, expiry, revocation, suspension) and record it')
    .addOption(json())
    .addHelpText('after', example('skillproof refresh', 'skillproof refresh --json'))
    .action(async (_options, command: Command) => {
      const { refreshCommand } = await import('./commands/refresh-action.js');
      await refreshCommand(context(command));
    });

  declare(program, 'export')
    .description('write an encrypted backup of your key and badges (never replaces a file)')
    .requiredOption('--out <file>', 'the backup file to create')
    .addOption(json())
    .addHelpText('after', example('skillproof export --out ~/skillproof-backup.json'))
    .action(async (options: { out: string }, command: Command) => {
      const { exportCommand } = await import('./commands/export-action.js');
      await exportCommand(context(command), options);
    });

  declare(program, 'import')
    .description('restore a backup into a new wallet (SKILLPROOF_HOME must hold no wallet)')
    .argument('<file>', 'a backup made by `skillproof export`')
    .addOption(json())
    .addHelpText(
      'after',
      example('SKILLPROOF_HOME=~/.skillproof-restored skillproof import ~/skillproof-backup.json'),
    )
    .action(async (file: string, _options, command: Command) => {
      const { importCommand } = await import('./commands/import-action.js');
      await importCommand(context(command), file);
    });

  declare(program, 'jobs')
    .description("list a job board's postings and mark those you qualify for (checked locally)")
    .argument('<board-url>', 'the job board address, e.g. http://localhost:4300')
    .addOption(json())
    .addHelpText('after', example('skillproof jobs http://localhost:4300'))
    .action(async (board: string, _options, command: Command) => {
      const { jobsCommand } = await import('./commands/jobs-action.js');
      await jobsCommand(context(command), board);
    });

  declare(program, 'apply')
    .description('apply to a job posting: shows which badges will be shared and asks first')
    .argument('<posting-url>', 'the posting address, e.g. http://localhost:4300/postings/<id>')
    .option('-y, --yes', 'share the chosen badges without asking')
    .addOption(json())
    .addHelpText(
      'after',
      example(
        'skillproof apply http://localhost:4300/postings/3f2c…',
        'skillproof apply http://localhost:4300/postings/3f2c… --yes --json',
      ),
    )
    .action(async (postingUrl: string, options: { yes?: boolean }, command: Command) => {
      const { applyCommand } = await import('./commands/apply-action.js');
      await applyCommand(context(command), postingUrl, options);
    });

  declare(program, 'applications')
    .description('your job applications and the decisions, as recorded in your wallet')
    .addOption(json())
    .addHelpText('after', example('skillproof applications --json'))
    .action(async (_options, command: Command) => {
      const { applicationsCommand } = await import('./commands/applications-action.js');
      await applicationsCommand(context(command));
    });

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
