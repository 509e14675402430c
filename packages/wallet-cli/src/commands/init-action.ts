import { SkillproofError } from '@skillproof/core';
import { paint, withProgress } from '../terminal/output.js';
import { createWallet } from '../wallet/create-wallet.js';
import { LearnerKey } from '../wallet/learner-key.js';
import { walletExists } from '../wallet/wallet-home.js';
import { emptyPracticeData } from '../wallet/practice-data.js';
import { walletDataVersion } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';
import { minPassphraseLength, readPassphrase } from './read-passphrase.js';

/** What `init` created. */
export interface InitResult {
  did: string;
  home: string;
}

/**
 * `skillproof init`: creates the wallet folder (0700), a did:key with its Ed25519 key sealed
 * under the passphrase (`keys.json`), and the wallet file (`wallet.json`), both 0600.
 *
 * @throws SkillproofError `CONFLICT` when a wallet already exists (it is never overwritten);
 * `VALIDATION_FAILED` when no passphrase fits after three tries (see `readPassphrase`).
 * @example
 * ```ts
 * const { did } = await initCommand(context);
 * ```
 */
export async function initCommand(context: CommandContext): Promise<InitResult> {
  if (walletExists(context.home)) {
    throw new SkillproofError(
      'CONFLICT',
      `a wallet already exists in ${context.home}; it was left untouched (set SKILLPROOF_HOME to make another)`,
    );
  }
  const passphrase = await readPassphrase(context, {
    confirm: true,
    prompt: `Choose a wallet passphrase (${minPassphraseLength}+ characters): `,
  });
  const key = LearnerKey.generate();
  await withProgress(context.output, 'sealing your key', () =>
    createWallet(
      context.home,
      key,
      passphrase,
      {
        format: 'skillproof-wallet',
        version: walletDataVersion,
        did: key.did,
        createdAt: context.now().toISOString(),
        issuers: [],
        credentials: [],
        applications: [],
        practice: emptyPracticeData(),
      },
      context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN },
    ),
  );
  const result = { did: key.did, home: context.home };
  printResult(context, result, () =>
    [
      `${paint(context.output, 'green', '✔')} wallet created in ${context.home}`,
      `  your DID: ${paint(context.output, 'cyan', key.did)}`,
      '  Keep your passphrase safe: without it the key cannot be opened. Back up with `skillproof export --out FILE`.',
    ].join('\n'),
  );
  return result;
}
