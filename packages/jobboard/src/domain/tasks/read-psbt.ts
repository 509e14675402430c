import { SkillproofError } from '@skillproof/core';
import { Psbt } from 'bitcoinjs-lib';
import type { BitcoinNetworkName } from '../../paid-task-types.js';
import { bitcoinNetwork } from './bitcoin-network.js';

/** The largest PSBT we read, as base64: far above a task payment's few inputs. */
export const maxPsbtBase64Length = 256 * 1024;

/**
 * Parses a base64 PSBT (BIP-174) with bitcoinjs-lib, refusing what BIP-174 calls invalid
 * (not a PSBT, missing or duplicate maps and keys, keys of the wrong length, an unsigned
 * transaction with scriptSigs or witnesses, values of the wrong size).
 *
 * @throws SkillproofError `PSBT_INVALID` with bitcoinjs-lib's reason.
 * @example
 * ```ts
 * const psbt = readPsbt(body.psbt, 'testnet');
 * psbt.txInputs.length;
 * ```
 */
export function readPsbt(base64: unknown, network: BitcoinNetworkName): Psbt {
  if (typeof base64 !== 'string' || base64.length === 0 || base64.length > maxPsbtBase64Length) {
    throw new SkillproofError(
      'PSBT_INVALID',
      `a PSBT is given as base64 of at most ${maxPsbtBase64Length} characters`,
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
    throw new SkillproofError('PSBT_INVALID', 'the PSBT is not base64');
  }
  try {
    return Psbt.fromBase64(base64, { network: bitcoinNetwork(network) });
  } catch (error) {
    throw new SkillproofError(
      'PSBT_INVALID',
      `not a valid PSBT (BIP-174): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
