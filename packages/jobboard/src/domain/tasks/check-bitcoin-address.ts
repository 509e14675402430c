import { SkillproofError } from '@skillproof/core';
import * as ecc from '@bitcoinerlab/secp256k1';
import { address as bitcoinAddress, initEccLib } from 'bitcoinjs-lib';
import type { BitcoinNetworkName } from '../../paid-task-types.js';
import { bitcoinNetwork, bitcoinNetworkNames } from './bitcoin-network.js';

/** An address that pays on the board's network, and the output script it stands for. */
export interface CheckedBitcoinAddress {
  address: string;
  network: BitcoinNetworkName;
  /** The scriptPubKey (hex) a payment to this address carries. */
  outputScript: string;
}

/** Longest address we read: a bech32m P2TR address is 62 characters (mainnet), 90 is BIP-173's cap. */
const maxAddressLength = 90;

function outputScriptOn(address: string, network: BitcoinNetworkName): Uint8Array | undefined {
  // Taproot outputs (bech32m v1) are checked to be a valid x-only key, which needs secp256k1;
  // registering the same library again is a no-op.
  initEccLib(ecc);
  try {
    return bitcoinAddress.toOutputScript(address, bitcoinNetwork(network));
  } catch {
    return undefined;
  }
}

/**
 * Checks that `address` is a bitcoin address of `network`: base58check (P2PKH, P2SH), bech32
 * (BIP-173, segwit v0) or bech32m (BIP-350, v1+), by bitcoinjs-lib's `toOutputScript`. An
 * address of another network is refused, saying which one it belongs to.
 *
 * @throws SkillproofError `ADDRESS_INVALID` with the reason.
 * @example
 * ```ts
 * checkBitcoinAddress('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', 'testnet').outputScript;
 * ```
 */
export function checkBitcoinAddress(
  address: unknown,
  network: BitcoinNetworkName,
): CheckedBitcoinAddress {
  if (typeof address !== 'string' || address.length === 0 || address.length > maxAddressLength) {
    throw new SkillproofError(
      'ADDRESS_INVALID',
      `a bitcoin address is a string of at most ${maxAddressLength} characters`,
    );
  }
  const script = outputScriptOn(address, network);
  if (script !== undefined) {
    return { address, network, outputScript: Buffer.from(script).toString('hex') };
  }
  const other = bitcoinNetworkNames.find(
    (name) => name !== network && outputScriptOn(address, name) !== undefined,
  );
  throw new SkillproofError(
    'ADDRESS_INVALID',
    other === undefined
      ? `${address} is not a bitcoin address (bad checksum, characters or length)`
      : `${address} is a ${other} address; this board pays on ${network}`,
  );
}
