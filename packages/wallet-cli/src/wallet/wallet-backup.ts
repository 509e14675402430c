import {
  isSkillproofError,
  openSealedJson,
  sealJson,
  SkillproofError,
  type SealedBox,
} from '@skillproof/core';
import { LearnerKey, type LearnerKeyJwk } from './learner-key.js';
import { isTaskClaimList, type StoredTaskClaim } from './task-claim-store.js';
import { checkMnemonic, paymentNetworks, type PaymentNetwork } from './payment-keys.js';
import { upgradeWalletData, walletDataProblem, type WalletData } from './wallet-store.js';

/** A backup file: the key and the wallet data, sealed together under a passphrase. */
export interface WalletBackupFile {
  format: 'skillproof-backup';
  version: 1;
  did: string;
  createdAt: string;
  sealed: SealedBox;
}

/** The payment seed in a backup: its words and where the wallet was in handing out addresses. */
export interface BackedUpPaymentSeed {
  mnemonic: string;
  network: PaymentNetwork;
  nextIndex: Record<PaymentNetwork, number>;
}

/** What a backup holds once opened. */
export interface OpenedBackup {
  key: LearnerKey;
  wallet: WalletData;
  /** Absent when the wallet had no payment seed (or the backup predates them). */
  payments?: BackedUpPaymentSeed;
  /** The paid tasks it claimed (`claims.json`); empty when none (or the backup predates them). */
  claims: StoredTaskClaim[];
}

function readBackedUpPayments(value: unknown): BackedUpPaymentSeed | undefined {
  if (value === undefined) return undefined;
  const payments = value as Partial<BackedUpPaymentSeed> | null;
  try {
    if (
      typeof payments?.mnemonic === 'string' &&
      paymentNetworks.includes(payments.network as PaymentNetwork) &&
      paymentNetworks.every((network) => Number.isInteger(payments.nextIndex?.[network]))
    ) {
      return {
        mnemonic: checkMnemonic(payments.mnemonic),
        network: payments.network as PaymentNetwork,
        nextIndex: payments.nextIndex as Record<PaymentNetwork, number>,
      };
    }
  } catch {
    // A phrase that does not check out: damaged, as below.
  }
  throw new SkillproofError('VALIDATION_FAILED', 'the backup is damaged (its payment seed)');
}

const purpose = 'skillproof-backup v1';

/**
 * Seals the key, the wallet data, the task claims and the payment seed, if any, into a backup (scrypt N >= 2^17 + AES-256-GCM, as the key
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
  options: {
    scryptLogN?: number;
    payments?: BackedUpPaymentSeed;
    claims?: readonly StoredTaskClaim[];
  } = {},
): Promise<WalletBackupFile> {
  const { payments, claims, ...sealing } = options;
  return {
    format: 'skillproof-backup',
    version: 1,
    did: key.did,
    createdAt: createdAt.toISOString(),
    sealed: await sealJson(
      {
        key: key.exportJwkForSealing(),
        wallet,
        ...(payments === undefined ? {} : { payments }),
        ...(claims === undefined || claims.length === 0 ? {} : { claims }),
      },
      passphrase,
      purpose,
      sealing,
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
  let content:
    { key?: LearnerKeyJwk; wallet?: unknown; payments?: unknown; claims?: unknown } | undefined;
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
  const payments = readBackedUpPayments(content?.payments);
  const claims = content?.claims ?? [];
  if (!isTaskClaimList(claims)) {
    throw new SkillproofError('VALIDATION_FAILED', 'the backup is damaged (its task claims)');
  }
  return {
    key,
    wallet: wallet as WalletData,
    claims,
    ...(payments === undefined ? {} : { payments }),
  };
}
