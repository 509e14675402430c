import { readFileSync } from 'node:fs';
import { readConfig, SkillproofError } from '@skillproof/core';
import { UsageError } from '../usage-error.js';
import type { CommandContext } from './command-context.js';

/** A new passphrase has at least this many characters; an existing one is taken as it is. */
export const minPassphraseLength = 8;

/** How many times `init` asks for a new passphrase (entry and confirmation) before giving up. */
const maxTries = 3;

/** Why `passphrase` can't be a new wallet passphrase, or undefined when it can. */
function newPassphraseProblem(passphrase: string): string | undefined {
  return passphrase.length < minPassphraseLength
    ? `choose a passphrase of at least ${minPassphraseLength} characters`
    : undefined;
}

/** `--passphrase-file`, else `SKILLPROOF_PASSPHRASE`, else undefined (then it is asked). */
function givenPassphrase(context: CommandContext): string | undefined {
  if (context.passphraseFile !== undefined) {
    try {
      return readFileSync(context.passphraseFile, 'utf8').split(/\r?\n/, 1)[0] ?? '';
    } catch {
      throw new UsageError(
        `cannot read the passphrase file ${context.passphraseFile}; check the path`,
      );
    }
  }
  return readConfig(context.env).secret('SKILLPROOF_PASSPHRASE', { minLength: 1 });
}

/**
 * Asks for a new passphrase without echo: its rules are checked right after the first entry,
 * before the confirmation; a passphrase too short, or a confirmation that differs, asks again,
 * up to three times.
 *
 * @throws SkillproofError `VALIDATION_FAILED` after the third failed try.
 */
async function askNewPassphrase(context: CommandContext, prompt: string): Promise<string> {
  let problem = '';
  for (let tries = 1; tries <= maxTries; tries++) {
    if (tries > 1) context.output.stderr(`${problem}; try again (${tries}/${maxTries})\n`);
    const passphrase = await context.prompter.askSecret(prompt);
    problem = newPassphraseProblem(passphrase) ?? '';
    if (problem !== '') continue;
    if ((await context.prompter.askSecret('Repeat the passphrase: ')) === passphrase) {
      return passphrase;
    }
    problem = 'the two passphrases differ';
  }
  throw new SkillproofError(
    'VALIDATION_FAILED',
    `no passphrase after ${maxTries} tries (the last: ${problem}); nothing was created`,
  );
}

/**
 * The wallet passphrase: `--passphrase-file`, else `SKILLPROOF_PASSPHRASE`, else asked without
 * echo. A new one (`confirm`) must follow the rules (at least 8 characters) and is asked twice,
 * and again when it does not fit (see {@link askNewPassphrase}). Without a terminal the
 * prompter refuses to ask (a passphrase is never read from a pipe).
 *
 * @throws SkillproofError `VALIDATION_FAILED` when a given passphrase is empty or, for a new
 * one, too short, or after three failed tries; UsageError when the passphrase file can't be
 * read, or when there is no terminal to ask.
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
  const prompt = options.prompt ?? 'Wallet passphrase: ';
  const given = givenPassphrase(context);
  if (given === undefined || given === '') {
    if (options.confirm) return askNewPassphrase(context, prompt);
    const asked = await context.prompter.askSecret(prompt);
    if (asked === '') throw new SkillproofError('VALIDATION_FAILED', 'the passphrase is empty');
    return asked;
  }
  const problem = options.confirm ? newPassphraseProblem(given) : undefined;
  if (problem !== undefined) {
    const source =
      context.passphraseFile === undefined ? 'SKILLPROOF_PASSPHRASE' : context.passphraseFile;
    throw new SkillproofError('VALIDATION_FAILED', `${problem} (${source} is shorter)`);
  }
  return given;
}
