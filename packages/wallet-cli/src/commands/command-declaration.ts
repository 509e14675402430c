import type { CommandContext } from './command-context.js';

/** A positional argument, e.g. `{ name: '<url>', description: 'the issuer address' }`. */
export interface ArgumentDeclaration {
  /** `<name>`: commander's syntax for a required argument; `[name]` for an optional one. */
  name: string;
  description: string;
}

/** An option, as `--help` lists it. */
export interface OptionDeclaration {
  /** commander's flags, e.g. `--issuer <url>` or `-y, --yes`. */
  flags: string;
  description: string;
  /** The command refuses to run without it (a usage error, exit 2). */
  required?: boolean;
  /** May be given more than once; the values are collected in order. */
  repeatable?: boolean;
}

/** One exit code a command's help explains, e.g. `{ code: 3, meaning: 'the badge does not verify' }`. */
export interface ExitCodeDeclaration {
  code: number;
  meaning: string;
}

/**
 * One `skillproof` command: its name, description, arguments, options and help examples, and
 * what runs it. `commands/<name>.ts` declares it and `cli.ts` registers every declaration; the
 * action, `commands/<name>-action.ts`, is imported only when the command runs, so that starting
 * `skillproof` loads no command's work (`list` needs neither the verifier, PEX nor the network).
 *
 * @example
 * ```ts
 * export const didDeclaration: CommandDeclaration = {
 *   name: 'did',
 *   description: 'print your DID',
 *   options: [jsonOption],
 *   examples: ['skillproof did'],
 *   run: async (context) => (await import('./did-action.js')).didCommand(context),
 * };
 * ```
 */
export interface CommandDeclaration<
  Args extends Array<string | undefined> = [],
  Options extends object = object,
> {
  /** The word after `skillproof` (or after its parent command). */
  name: string;
  description: string;
  arguments?: readonly ArgumentDeclaration[];
  /** In the order `--help` lists them. */
  options?: readonly OptionDeclaration[];
  /** Command lines shown under `Example(s):` in its help. */
  examples: readonly string[];
  /**
   * What its exit codes mean, shown under `Exit codes:` in its help, for a command whose
   * outcome is more than done (0), failed (1) or a usage mistake (2).
   */
  exitCodes?: readonly ExitCodeDeclaration[];
  /** Runs the command with its arguments, in declared order, and its options by name. */
  run?: (context: CommandContext, args: Args, options: Options) => Promise<unknown>;
  /** Commands under this one (`skillproof issuers add`); a command with these has no `run`. */
  subcommands?: readonly AnyCommandDeclaration[];
}

/**
 * Any command's declaration, whatever its arguments and options, as `cli.ts` holds them.
 * commander has parsed what the declaration declared, so `run` is given exactly that.
 */
export type AnyCommandDeclaration = CommandDeclaration<never, never>;

/** `--json`, offered by every command that prints data, listed last. */
export const jsonOption: OptionDeclaration = {
  flags: '--json',
  description: 'print machine-readable JSON on stdout',
};

/** `--issuer <url>`, of the commands that talk to issuers (resolved by `issuerUrlsFor`). */
export const issuerOption: OptionDeclaration = {
  flags: '--issuer <url>',
  description:
    'issuer address (default: $SKILLPROOF_ISSUER_URL, your issuers, http://localhost:4100)',
};
