import type { FetchLike } from '../net/request-json.js';
import type { Output } from '../terminal/output.js';
import type { Prompter } from '../terminal/prompt.js';

/** Everything a command may touch; `bin.ts` builds it from the process, tests from temp dirs. */
export interface CommandContext {
  home: string;
  env: NodeJS.ProcessEnv;
  output: Output;
  prompter: Prompter;
  fetch: FetchLike;
  now: () => Date;
  /** Opens what `verify -` reads: `process.stdin` when absent (and from `bin.ts`). */
  stdin?: () => AsyncIterable<string | Uint8Array>;
  /** `--passphrase-file`: a file whose first line is the passphrase. */
  passphraseFile?: string;
  /**
   * log2 of scrypt's N for new key files and backups. Default 17; tests lower it here, in code:
   * the binary reads no setting that could weaken it.
   */
  scryptLogN?: number;
}

/**
 * Prints `data` as JSON for `--json`, else the human rendering.
 *
 * @example
 * ```ts
 * printResult(context, { did }, () => did);
 * ```
 */
export function printResult(context: CommandContext, data: unknown, human: () => string): void {
  context.output.stdout(`${context.output.json ? JSON.stringify(data, null, 2) : human()}\n`);
}

/**
 * A note on stderr for people (never with `--json`, so scripts read only stdout).
 *
 * @example
 * ```ts
 * note(context, 'Git Basics: 4 tasks, pass mark 75%');
 * ```
 */
export function note(context: CommandContext, text: string): void {
  if (!context.output.json) context.output.stderr(`${text}\n`);
}
