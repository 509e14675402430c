import { SkillproofError } from '@skillproof/core';
import { networks, type Network } from 'bitcoinjs-lib';
import type { BitcoinNetworkName } from '../../paid-task-types.js';

/** The networks a paid task can settle on. Mainnet only by explicit configuration. */
export const bitcoinNetworkNames = [
  'testnet',
  'signet',
  'regtest',
  'mainnet',
] as const satisfies readonly BitcoinNetworkName[];

/** What the board uses when nothing is configured: test coins, never real money. */
export const defaultBitcoinNetwork: BitcoinNetworkName = 'testnet';

/**
 * bitcoinjs-lib's parameters of a network. Signet shares testnet's address prefixes
 * (BIP-325 uses testnet's `tb` bech32 HRP and base58 versions); regtest has its own `bcrt`.
 *
 * @example
 * ```ts
 * bitcoinNetwork('signet').bech32; // 'tb'
 * ```
 */
export function bitcoinNetwork(name: BitcoinNetworkName): Network {
  if (name === 'mainnet') return networks.bitcoin;
  if (name === 'regtest') return networks.regtest;
  return networks.testnet;
}

/**
 * Reads a network name (configuration, a request), refusing anything else.
 *
 * @throws SkillproofError `VALIDATION_FAILED` for an unknown name.
 * @example
 * ```ts
 * readBitcoinNetworkName(process.env.JOBBOARD_BITCOIN_NETWORK ?? 'testnet');
 * ```
 */
export function readBitcoinNetworkName(value: string): BitcoinNetworkName {
  const name = bitcoinNetworkNames.find((known) => known === value);
  if (name === undefined) {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `unknown bitcoin network "${value}"; use one of ${bitcoinNetworkNames.join(', ')}`,
    );
  }
  return name;
}
