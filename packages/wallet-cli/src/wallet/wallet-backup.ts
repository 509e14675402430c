import {
  isSkillproofError,
  openSealedJson,
  sealJson,
  SkillproofError,
  type SealedBox,
} from '@skillproof/core';
import { LearnerKey, type LearnerKeyJwk } from './learner-key.js';
import { upgradeWalletData, walletDataProblem, type WalletData } from './wallet-store.js';

/** A backup file: the key and the wallet data, sealed together under a passphrase. */
export interface WalletBackupFile {
  format: 'skillproof-backup';
  version: 1;
  did: string;
  createdAt: string;
  sealed: SealedBox;
}

/** What a backup holds once opened. */
export interface OpenedBackup {
  key: LearnerKey;
  wallet: WalletData;
}

const purpose = 'skillproof-backup v1';

/**
 * Seals the key and the wallet data into a backup (scrypt N >= 2^17 + AES-256-GCM, as the key
 * file is).
 *
 * @example
 * ```ts
 * const backup = await sealBackup(key, store.snapshot, passphrase, new Date());
 * ```
 */
export async function sealBackup(
  key: LearnerKey,
  wallet: WalletData,
  passphrase: string,
  createdAt: Date,
  options: { scryptLogN?: number } = {},
): Promise<WalletBackupFile> {
  return {
    format: 'skillproof-backup',
    version: 1,
    did: key.did,
    createdAt: createdAt.toISOString(),
    sealed: await sealJson(
      { key: key.exportJwkForSealing(), wallet },
      passphrase,
      purpose,
      options,
    ),
  };
}

/**
 * Opens a backup.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase; `VALIDATION_FAILED` when
 * the text is not a Skillproof backup or its content is damaged.
 *
 * @example
 * ```ts
 * const { key, wallet } = await openBackup(readFileSync(file, 'utf8'), passphrase);
 * ```
 */
export async function openBackup(text: string, passphrase: string): Promise<OpenedBackup> {
  let file: Partial<WalletBackupFile> | undefined;
  try {
    file = JSON.parse(text) as Partial<WalletBackupFile>;
  } catch {
    file = undefined;
  }
  if (file?.format !== 'skillproof-backup' || file.version !== 1) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'this is not a Skillproof backup (make one with `skillproof export --out FILE`)',
    );
  }
  let content: { key?: LearnerKeyJwk; wallet?: unknown } | undefined;
  try {
    content = (await openSealedJson(file.sealed, passphrase, purpose)) as typeof content;
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'KEY_SECRET_INVALID') {
      throw new SkillproofError(
        'KEY_SECRET_INVALID',
        'wrong passphrase: it does not open this backup (give the passphrase of the wallet it was exported from)',
      );
    }
    throw new SkillproofError('VALIDATION_FAILED', 'the backup is damaged');
  }
  // A backup of an earlier wallet version restores as the current one.
  const wallet = upgradeWalletData(content?.wallet);
  const problem = walletDataProblem(wallet);
  let key: LearnerKey;
  try {
    key = LearnerKey.fromJwk(content?.key);
  } catch {
    throw new SkillproofError('VALIDATION_FAILED', 'the backup is damaged (its key is not a key)');
  }
  if (problem || (wallet as WalletData).did !== key.did) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `the backup is damaged (${problem ?? 'its key is not its DID\u2019s'})`,
    );
  }
  return { key, wallet: wallet as WalletData };
}
