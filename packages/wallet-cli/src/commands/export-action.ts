import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SkillproofError } from '@skillproof/core';
import { paint, withProgress } from '../terminal/output.js';
import { UsageError } from '../usage-error.js';
import { hasPaymentSeed, openPaymentSeed, readPaymentSeed } from '../wallet/payment-seed-store.js';
import { readTaskClaims } from '../wallet/task-claim-store.js';
import { sealBackup } from '../wallet/wallet-backup.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { writeFileAtomic } from '../wallet/write-file-atomic.js';
import { printResult, type CommandContext } from './command-context.js';
import { readPassphrase } from './read-passphrase.js';
import { unlockLearnerKey } from './unlock-learner-key.js';

/** What `export` wrote. */
export interface ExportResult {
  file: string;
  did: string;
  credentials: number;
  applications: number;
  /** Paid-task claims (`claims.json`) in the backup. */
  claims: number;
  /** Whether the payment seed (and where handing out addresses stood) is in it. */
  paymentSeed: boolean;
}

/**
 * `skillproof export --out FILE`: an encrypted backup of the key, everything in the wallet, its
 * paid-task claims (`claims.json`) and its payment seed (sealed like the key, never in clear), sealed under the wallet passphrase (scrypt N = 2^17 + AES-256-GCM), written
 * atomically with mode 0600. An existing file is never replaced.
 *
 * @throws UsageError when FILE exists or its folder does not; `KEY_SECRET_INVALID` for a wrong
 * passphrase.
 *
 * @example
 * ```ts
 * await exportCommand(context, { out: 'skillproof-backup.json' });
 * ```
 */
export async function exportCommand(
  context: CommandContext,
  options: { out: string },
): Promise<ExportResult> {
  const file = resolve(options.out);
  if (existsSync(file)) {
    throw new UsageError(`${file} exists; give a new file name (a backup never replaces a file)`);
  }
  if (!existsSync(dirname(file))) throw new UsageError(`no folder ${dirname(file)}`);
  const store = WalletStore.open(context.home);
  const passphrase = await readPassphrase(context);
  const key = await unlockLearnerKey(context, passphrase);
  // The payment seed goes in too, with where handing out addresses stood.
  const payments = hasPaymentSeed(context.home)
    ? {
        mnemonic: await openPaymentSeed(context.home, passphrase),
        network: readPaymentSeed(context.home).network,
        nextIndex: readPaymentSeed(context.home).nextIndex,
      }
    : undefined;
  // Claims name where the wallet is to be paid and hold no secret; sealed with the rest.
  const claims = readTaskClaims(context.home);
  const backup = await withProgress(context.output, 'sealing the backup', () =>
    sealBackup(key, store.snapshot, passphrase, context.now(), {
      ...(context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN }),
      ...(payments === undefined ? {} : { payments }),
      claims,
    }),
  );
  try {
    writeFileAtomic(file, `${JSON.stringify(backup, null, 2)}\n`, { exclusive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SkillproofError('CONFLICT', `${file} appeared meanwhile; it was left as it is`);
    }
    throw error;
  }
  const result: ExportResult = {
    file,
    did: key.did,
    credentials: store.credentials.length,
    applications: store.applications.length,
    claims: claims.length,
    paymentSeed: payments !== undefined,
  };
  printResult(
    context,
    result,
    () =>
      `${paint(context.output, 'green', '✔')} backup of ${key.did} (${result.credentials} badges, ${result.applications} applications, ${result.claims} task claims${result.paymentSeed ? ', the payment seed' : ''}) written to ${file}\n  It is encrypted with your wallet passphrase; restore it with: skillproof import ${file}`,
  );
  return result;
}
