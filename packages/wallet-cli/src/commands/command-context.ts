import { SkillproofError } from '@skillproof/core';
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
  /** log2 of scrypt's N for new wallets; tests lower it. Default 17. */
  scryptLogN?: number;
}

/**
 * The issuer's base URL: `--issuer`, else `SKILLPROOF_ISSUER_URL`, else the local one
 * `pnpm start` runs; without a trailing slash.
 *
 * @throws SkillproofError `VALIDATION_FAILED` when it is not an http(s) URL.
 */
export function issuerUrlOf(context: CommandContext, flag?: string): string {
  const text = flag ?? context.env['SKILLPROOF_ISSUER_URL'] ?? 'http://localhost:4100';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `"${text}" is not an http(s) URL; give the issuer's address, e.g. http://localhost:4100`,
    );
  }
  return text.replace(/\/+$/, '');
}

/**
 * The wallet passphrase: `SKILLPROOF_PASSPHRASE`, else asked (twice when creating a wallet).
 *
 * @throws SkillproofError `VALIDATION_FAILED` when it is too short or the two entries differ.
 */
export async function readPassphrase(
  context: CommandContext,
  options: { confirm?: boolean } = {},
): Promise<string> {
  const fromEnv = context.env['SKILLPROOF_PASSPHRASE'];
  let passphrase = fromEnv;
  if (passphrase === undefined || passphrase === '') {
    passphrase = await context.prompter.askSecret('Wallet passphrase: ');
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
  return passphrase;
}

/** Prints `data` as JSON for `--json`, else the human rendering. */
export function printResult(context: CommandContext, data: unknown, human: () => string): void {
  context.output.stdout(`${context.output.json ? JSON.stringify(data, null, 2) : human()}\n`);
}
