import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSealedJson, sealJson, SkillproofError, type SealedBox } from '@skillproof/core';
import { paymentAccountKeys, paymentNetworks, type PaymentNetwork } from './payment-keys.js';
import { walletPaths } from './wallet-home.js';
import { withWalletLock } from './wallet-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * `payments.json`: the BIP-39 recovery phrase sealed under the wallet passphrase (like the
 * learner key in `keys.json`), the BIP-84 account public keys the addresses come from, the
 * network addresses are for by default, and the next unused receiving index per network.
 */
export interface PaymentSeedFile {
  format: 'skillproof-payments';
  version: 1;
  did: string;
  network: PaymentNetwork;
  /** `m/84'/0'/0'` (xpub) and `m/84'/1'/0'` (tpub). */
  accountKeys: { mainnet: string; test: string };
  nextIndex: Record<PaymentNetwork, number>;
  createdAt: string;
  sealed: SealedBox;
}

// The DID is bound into the encryption (GCM associated data), as for keys.json.
const purposeFor = (did: string) => `skillproof-payments v1 ${did}`;

/**
 * Where the payment seed lives in `home`.
 *
 * @example
 * ```ts
 * paymentSeedPath('/home/me/.skillproof'); // '/home/me/.skillproof/payments.json'
 * ```
 */
export function paymentSeedPath(home: string): string {
  return join(home, 'payments.json');
}

/**
 * Whether the wallet in `home` has a payment seed.
 */
export function hasPaymentSeed(home: string): boolean {
  return existsSync(paymentSeedPath(home));
}

/**
 * Seals `mnemonic` under the wallet passphrase into `payments.json`. Refuses to replace an
 * existing seed unless `replace` (restore `--force`).
 *
 * @throws SkillproofError `CONFLICT` when a seed exists and `replace` is not set.
 * @example
 * ```ts
 * await writePaymentSeed(home, { did, mnemonic, passphrase, network: 'testnet', now });
 * ```
 */
export async function writePaymentSeed(
  home: string,
  input: {
    did: string;
    mnemonic: string;
    passphrase: string;
    network: PaymentNetwork;
    now: Date;
    replace?: boolean;
    /** Where handing out addresses stood (a restored backup); all 0 otherwise. */
    nextIndex?: Record<PaymentNetwork, number>;
    scryptLogN?: number;
  },
): Promise<PaymentSeedFile> {
  if (!input.replace && hasPaymentSeed(home)) {
    throw new SkillproofError(
      'CONFLICT',
      `this wallet has a payment seed already; it was left untouched (restore over it only with --force)`,
    );
  }
  const file: PaymentSeedFile = {
    format: 'skillproof-payments',
    version: 1,
    did: input.did,
    network: input.network,
    accountKeys: paymentAccountKeys(input.mnemonic),
    nextIndex: input.nextIndex ?? { testnet: 0, signet: 0, regtest: 0, mainnet: 0 },
    createdAt: input.now.toISOString(),
    sealed: await sealJson(
      { mnemonic: input.mnemonic },
      input.passphrase,
      purposeFor(input.did),
      input.scryptLogN === undefined ? {} : { scryptLogN: input.scryptLogN },
    ),
  };
  withWalletLock(walletPaths(home).lock, () => {
    if (!input.replace && hasPaymentSeed(home)) {
      throw new SkillproofError('CONFLICT', 'this wallet has a payment seed already');
    }
    writeFileAtomic(paymentSeedPath(home), `${JSON.stringify(file, null, 2)}\n`, {
      exclusive: !input.replace,
    });
  });
  return file;
}

function isPaymentSeedFile(value: unknown): value is PaymentSeedFile {
  const file = value as Partial<PaymentSeedFile> | null;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.format === 'skillproof-payments' &&
    file.version === 1 &&
    typeof file.did === 'string' &&
    paymentNetworks.includes(file.network as PaymentNetwork) &&
    typeof file.accountKeys?.mainnet === 'string' &&
    typeof file.accountKeys.test === 'string' &&
    paymentNetworks.every((network) => Number.isInteger(file.nextIndex?.[network]))
  );
}

/**
 * Reads `payments.json` (no passphrase: it holds public keys in the clear).
 *
 * @throws SkillproofError `NOT_FOUND` when there is no seed (the message says how to make one);
 * `CONFIGURATION_INVALID` when the file is damaged.
 */
export function readPaymentSeed(home: string): PaymentSeedFile {
  const path = paymentSeedPath(home);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SkillproofError(
      'NOT_FOUND',
      'this wallet has no payment seed yet: run `skillproof payments init` (or `payments restore`)',
    );
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    file = undefined;
  }
  if (!isPaymentSeedFile(file)) {
    throw new SkillproofError('CONFIGURATION_INVALID', `${path} is damaged; it was left untouched`);
  }
  return file;
}

/**
 * Opens the sealed recovery phrase with the wallet passphrase.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase.
 */
export async function openPaymentSeed(home: string, passphrase: string): Promise<string> {
  const file = readPaymentSeed(home);
  const opened = (await openSealedJson(file.sealed, passphrase, purposeFor(file.did))) as {
    mnemonic?: unknown;
  };
  if (typeof opened.mnemonic !== 'string') {
    throw new SkillproofError('CONFIGURATION_INVALID', `${paymentSeedPath(home)} is damaged`);
  }
  return opened.mnemonic;
}

/**
 * Takes the next unused receiving index of `network` and moves it on, under the wallet lock
 * (two commands at once never hand out the same address).
 *
 * @example
 * ```ts
 * const index = takeNextPaymentIndex(home, 'testnet'); // 0, then 1, …
 * ```
 */
export function takeNextPaymentIndex(home: string, network: PaymentNetwork): number {
  return withWalletLock(walletPaths(home).lock, () => {
    const file = readPaymentSeed(home);
    const index = file.nextIndex[network];
    const next = { ...file, nextIndex: { ...file.nextIndex, [network]: index + 1 } };
    writeFileAtomic(paymentSeedPath(home), `${JSON.stringify(next, null, 2)}\n`);
    return index;
  });
}
