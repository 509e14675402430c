import { readFileSync } from 'node:fs';
import { SkillproofError } from '@skillproof/core';
import type { FetchLike } from '../net/request-json.js';
import type { Output } from '../terminal/output.js';
import type { Prompter } from '../terminal/prompt.js';
import { UsageError } from '../usage-error.js';

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
 * The issuer's base URL as given (flag, setting or registry), checked and without a trailing
 * slash.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when it is not an http(s) URL.
 * @example
 * ```ts
 * normalizeServiceUrl('http://localhost:4100/'); // 'http://localhost:4100'
 * ```
 */
export function normalizeServiceUrl(text: string, what = 'issuer'): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `"${text}" is not an http(s) URL; give the ${what}'s address, e.g. http://localhost:4100`,
    );
  }
  return text.replace(/\/+$/, '');
}

/**
 * The wallet passphrase: `--passphrase-file`, else `SKILLPROOF_PASSPHRASE`, else asked without
 * echo (twice when creating a wallet).
 *
 * @throws SkillproofError `VALIDATION_FAILED` when it is too short or the two entries differ;
 * UsageError when the passphrase file can't be read.
 *
 * @example
 * ```ts
 * const passphrase = await readPassphrase(context, { confirm: true });
 * ```
 */
export async function readPassphrase(
  context: CommandContext,
  options: { confirm?: boolean; prompt?: string } = {},
): Promise<string> {
  let passphrase: string | undefined;
  if (context.passphraseFile !== undefined) {
    try {
      passphrase = readFileSync(context.passphraseFile, 'utf8').split(/\r?\n/, 1)[0] ?? '';
    } catch {
      throw new UsageError(
        `cannot read the passphrase file ${context.passphraseFile}; check the path`,
      );
    }
  } else {
    passphrase = context.env['SKILLPROOF_PASSPHRASE'];
  }
  if (passphrase === undefined || passphrase === '') {
    passphrase = await context.prompter.askSecret(options.prompt ?? 'Wallet passphrase: ');
    if (
      options.confirm &&
      (await context.prompter.askSecret('Repeat the passphrase: ')) !== passphrase
    ) {
      throw new SkillproofError(
        'VALIDATION_FAILED',
        'the two passphrases differ; nothing was created',
      );
    }
  }
  if (options.confirm && passphrase.length < 8) {
    throw new SkillproofError('VALIDATION_FAILED', 'choose a passphrase of at least 8 characters');
  }
  if (passphrase === '') {
    throw new SkillproofError('VALIDATION_FAILED', 'the passphrase is empty');
  }
  return passphrase;
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
