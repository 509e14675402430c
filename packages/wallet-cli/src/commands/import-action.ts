import { readFileSync } from 'node:fs';
import { SkillproofError } from '@skillproof/core';
import { paint, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import { createWallet } from '../wallet/create-wallet.js';
import { writePaymentSeed } from '../wallet/payment-seed-store.js';
import { writeTaskClaims } from '../wallet/task-claim-store.js';
import { openBackup } from '../wallet/wallet-backup.js';
import { walletExists } from '../wallet/wallet-home.js';
import { printResult, type CommandContext } from './command-context.js';
import { readPassphrase } from './read-passphrase.js';

/** What `import` restored. */
export interface ImportResult {
  did: string;
  home: string;
  credentials: number;
  applications: number;
  /** Paid-task claims restored into `claims.json`. */
  claims: number;
}

/**
 * `skillproof import FILE`: restores a backup made by `export` into an empty wallet home: the
 * same DID and key (sealed again under the same passphrase, with a fresh salt), its badges,
 * issuers and applications, its paid-task claims, and its payment seed if it had one. A wallet already there is
 * never replaced.
 *
 * @throws SkillproofError `CONFLICT` when a wallet exists in the home; `KEY_SECRET_INVALID` for
 * a wrong passphrase; `VALIDATION_FAILED` when the file is not a backup.
 *
 * @example
 * ```ts
 * await importCommand(context, 'skillproof-backup.json');
 * ```
 */
export async function importCommand(context: CommandContext, file: string): Promise<ImportResult> {
  if (walletExists(context.home)) {
    throw new SkillproofError(
      'CONFLICT',
      `a wallet already exists in ${context.home}; it was left untouched. Import into a new home: SKILLPROOF_HOME=<empty folder> skillproof import ${file}`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(
      `cannot read ${file}; give the path of a backup made by \`skillproof export\``,
    );
  }
  const passphrase = await readPassphrase(context, { prompt: 'Passphrase of the backup: ' });
  const { key, wallet, payments, claims } = await withProgress(
    context.output,
    'opening the backup',
    () => openBackup(text, passphrase),
  );
  await withProgress(context.output, 'restoring your wallet', () =>
    createWallet(
      context.home,
      key,
      passphrase,
      wallet,
      context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN },
    ),
  );
  if (payments !== undefined) {
    await writePaymentSeed(context.home, {
      did: key.did,
      ...payments,
      passphrase,
      now: context.now(),
      ...(context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN }),
    });
  }
  if (claims.length > 0) writeTaskClaims(context.home, claims);
  const result: ImportResult = {
    did: key.did,
    home: context.home,
    credentials: wallet.credentials.length,
    applications: wallet.applications.length,
    claims: claims.length,
  };
  printResult(
    context,
    result,
    () =>
      `${paint(context.output, 'green', '✔')} restored ${key.did} into ${context.home}: ${result.credentials} badges, ${result.applications} applications, ${result.claims} task claims\n  Check their status with: skillproof refresh`,
  );
  return result;
}
