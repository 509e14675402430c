import * as ecc from '@bitcoinerlab/secp256k1';
import { BIP32Factory, type BIP32API } from 'bip32';
import * as bip39 from 'bip39';
import { initEccLib, networks, payments, type Network } from 'bitcoinjs-lib';
import { SkillproofError } from '@skillproof/core';

/** The networks the wallet derives payment addresses for. Mainnet only when chosen. */
export const paymentNetworks = ['testnet', 'signet', 'regtest', 'mainnet'] as const;

/** One of {@link paymentNetworks}. */
export type PaymentNetwork = (typeof paymentNetworks)[number];

/** BIP-39 allows 12, 15, 18, 21 or 24 words; the wallet makes 12 or 24. */
const wordCounts = [12, 15, 18, 21, 24];

/** bitcoinjs-lib's parameters of a network (signet shares testnet's `tb` prefixes, BIP-325). */
export function paymentNetworkParameters(network: PaymentNetwork): Network {
  if (network === 'mainnet') return networks.bitcoin;
  if (network === 'regtest') return networks.regtest;
  return networks.testnet;
}

/** SLIP-44 coin type of BIP-84's `m/84'/coin'/…`: 0 on mainnet, 1 on every test network. */
export function coinTypeOf(network: PaymentNetwork): 0 | 1 {
  return network === 'mainnet' ? 0 : 1;
}

/**
 * Reads a network name.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for an unknown name.
 */
export function readPaymentNetwork(value: string): PaymentNetwork {
  const network = paymentNetworks.find((known) => known === value);
  if (network === undefined) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `unknown network "${value}"; use one of ${paymentNetworks.join(', ')}`,
    );
  }
  return network;
}

function bip32(): BIP32API {
  // bitcoinjs-lib and bip32 take their secp256k1 as an argument; registering it again is a no-op.
  initEccLib(ecc);
  return BIP32Factory(ecc);
}

/**
 * The words in the form BIP-39 reads them (NFKD, lower case, single spaces), checked: a count
 * BIP-39 allows, every word in the English list, and the checksum.
 *
 * @throws SkillproofError `VALIDATION_FAILED` saying which rule failed (never echoing the words).
 * @example
 * ```ts
 * const mnemonic = checkMnemonic(typed);
 * ```
 */
export function checkMnemonic(text: string): string {
  const words = text.normalize('NFKD').toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!wordCounts.includes(words.length)) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `a recovery phrase has 12, 15, 18, 21 or 24 words, not ${words.length}`,
    );
  }
  const wordlist = bip39.wordlists['english'] ?? [];
  const unknown = words.findIndex((word) => !wordlist.includes(word));
  if (unknown >= 0) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `word ${unknown + 1} is not in the BIP-39 English word list; check its spelling`,
    );
  }
  const mnemonic = words.join(' ');
  if (!bip39.validateMnemonic(mnemonic, wordlist)) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      'the recovery phrase does not check out (BIP-39 checksum): a word is wrong or out of order',
    );
  }
  return mnemonic;
}

/**
 * A new BIP-39 recovery phrase of 12 (128-bit) or 24 (256-bit) words from the system's CSPRNG.
 *
 * @example
 * ```ts
 * generateMnemonic(24).split(' ').length; // 24
 * ```
 */
export function generateMnemonic(words: 12 | 24): string {
  return bip39.generateMnemonic(words === 12 ? 128 : 256);
}

/**
 * The BIP-84 account public keys (`m/84'/0'/0'` and `m/84'/1'/0'`) of a recovery phrase, as
 * xpub (mainnet) and tpub (test networks): all the wallet needs to hand out receiving
 * addresses without the passphrase.
 *
 * @example
 * ```ts
 * const { mainnet, test } = paymentAccountKeys(mnemonic);
 * ```
 */
export function paymentAccountKeys(mnemonic: string): { mainnet: string; test: string } {
  const factory = bip32();
  const seed = bip39.mnemonicToSeedSync(mnemonic);
  const account = (network: Network, coin: 0 | 1) =>
    factory.fromSeed(seed, network).derivePath(`m/84'/${coin}'/0'`).neutered().toBase58();
  return { mainnet: account(networks.bitcoin, 0), test: account(networks.testnet, 1) };
}

/** Highest non-hardened BIP-32 index. */
export const maxAddressIndex = 0x7fffffff;

/**
 * The BIP-84 native segwit (P2WPKH, bech32) address `…/change/index` of an account public key:
 * receiving addresses are `change` 0, change addresses 1.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for an index outside 0 .. 2^31-1.
 * @example
 * ```ts
 * derivePaymentAddress(keys.test, 'testnet', 0); // 'tb1q…'
 * ```
 */
export function derivePaymentAddress(
  accountKey: string,
  network: PaymentNetwork,
  index: number,
  change: 0 | 1 = 0,
): string {
  if (!Number.isInteger(index) || index < 0 || index > maxAddressIndex) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `an address index is a whole number from 0 to ${maxAddressIndex}`,
    );
  }
  const parameters = paymentNetworkParameters(network);
  const keyNetwork = network === 'mainnet' ? networks.bitcoin : networks.testnet;
  const node = bip32().fromBase58(accountKey, keyNetwork).derive(change).derive(index);
  const { address } = payments.p2wpkh({ pubkey: node.publicKey, network: parameters });
  if (address === undefined) throw new Error('p2wpkh gave no address');
  return address;
}
