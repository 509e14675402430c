import { readFileSync } from 'node:fs';
import { readConfig, SkillproofError } from '@skillproof/core';
import { UsageError } from '../usage-error.js';
import type { CommandContext } from './command-context.js';

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
    passphrase = readConfig(context.env).secret('SKILLPROOF_PASSPHRASE', { minLength: 1 });
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
