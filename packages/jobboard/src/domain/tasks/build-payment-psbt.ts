import { SkillproofError } from '@skillproof/core';
import { Psbt, Transaction } from 'bitcoinjs-lib';
import type { BitcoinNetworkName } from '../../paid-task-types.js';
import { bitcoinNetwork } from './bitcoin-network.js';
import { checkBitcoinAddress } from './check-bitcoin-address.js';
import { checkSatoshiAmount } from './satoshi-amount.js';

/** A coin of the employer's to spend, as their wallet lists it. Never a key. */
export interface EmployerUtxo {
  txid: string;
  vout: number;
  valueSats: number;
  /** The output script (hex) the coin is locked by: P2WPKH, P2TR or P2PKH. */
  scriptPubKey: string;
  /** The whole previous transaction (hex): needed for a P2PKH coin (BIP-174 non-witness UTXO). */
  previousTransaction?: string;
}

/** What to pay, from which coins, at what fee. */
export interface BuildPaymentPsbtInput {
  network: BitcoinNetworkName;
  utxos: readonly EmployerUtxo[];
  /** The learner's address, from their claim. */
  payTo: string;
  amountSats: number;
  /** Fee rate in sat/vB, more than 0 and at most 10,000. */
  feeRate: number;
  /** The employer's address for what is left over. */
  changeAddress: string;
}

/** The unsigned PSBT and what it does. */
export interface PaymentPsbt {
  /** BIP-174, base64: the employer's wallet signs it and broadcasts the transaction. */
  psbt: string;
  inputSats: number;
  amountSats: number;
  /** 0 when the change would have been dust and went to the fee. */
  changeSats: number;
  feeSats: number;
  /** The estimated virtual size of the signed transaction. */
  vsize: number;
}

// Bitcoin Core's default dust relay fee, 3 sat/vB (policy.h DUST_RELAY_TX_FEE).
const dustRelayFeeRate = 3;
const maxFeeRate = 10_000;

type InputKind = 'p2wpkh' | 'p2tr' | 'p2pkh';

function inputKind(script: Buffer): InputKind | undefined {
  if (script.length === 22 && script[0] === 0x00 && script[1] === 0x14) return 'p2wpkh';
  if (script.length === 34 && script[0] === 0x51 && script[1] === 0x20) return 'p2tr';
  if (
    script.length === 25 &&
    script[0] === 0x76 &&
    script[1] === 0xa9 &&
    script[2] === 0x14 &&
    script[23] === 0x88 &&
    script[24] === 0xac
  ) {
    return 'p2pkh';
  }
  return undefined;
}

// Virtual bytes each signed input adds (BIP-141 weight / 4): P2WPKH 41 + 107/4 witness,
// P2TR key path 41 + 66/4, P2PKH 148 (a 107-byte scriptSig).
const inputVbytes: Record<InputKind, number> = { p2wpkh: 68, p2tr: 57.5, p2pkh: 148 };

const outputVbytes = (script: Uint8Array) => 8 + 1 + script.length;

/** Bitcoin Core's dust threshold (policy.cpp GetDustThreshold) for an output of `script`. */
export function dustThreshold(script: Uint8Array): number {
  const isWitnessProgram =
    script.length >= 4 &&
    script.length <= 42 &&
    (script[0] === 0x00 || (script[0]! >= 0x51 && script[0]! <= 0x60)) &&
    script[1] === script.length - 2;
  return (outputVbytes(script) + (isWitnessProgram ? 67 : 148)) * dustRelayFeeRate;
}

function invalid(message: string): SkillproofError {
  return new SkillproofError('VALIDATION_FAILED', message);
}

function checkUtxo(utxo: EmployerUtxo, index: number): { kind: InputKind; script: Buffer } {
  const where = `coin ${index + 1}`;
  if (!/^[0-9a-fA-F]{64}$/.test(utxo.txid)) throw invalid(`${where}: txid is 64 hex digits`);
  if (!Number.isInteger(utxo.vout) || utxo.vout < 0 || utxo.vout > 0xffffffff) {
    throw invalid(`${where}: vout is an output index`);
  }
  checkSatoshiAmount(utxo.valueSats, `${where}'s value`);
  if (!/^([0-9a-fA-F]{2})+$/.test(utxo.scriptPubKey)) {
    throw invalid(`${where}: scriptPubKey is hex`);
  }
  const script = Buffer.from(utxo.scriptPubKey, 'hex');
  const kind = inputKind(script);
  if (kind === undefined) {
    throw invalid(`${where}: only P2WPKH, P2TR and P2PKH coins can be spent here`);
  }
  if (kind === 'p2pkh') {
    if (utxo.previousTransaction === undefined) {
      throw invalid(`${where}: a P2PKH coin needs its previous transaction (BIP-174)`);
    }
    let previous: Transaction;
    try {
      previous = Transaction.fromHex(utxo.previousTransaction);
    } catch {
      throw invalid(`${where}: the previous transaction does not parse`);
    }
    const output = previous.outs[utxo.vout];
    if (
      previous.getId() !== utxo.txid.toLowerCase() ||
      output === undefined ||
      output.value !== BigInt(utxo.valueSats) ||
      !script.equals(Buffer.from(output.script))
    ) {
      throw invalid(`${where}: the previous transaction does not hold this coin`);
    }
  }
  return { kind, script };
}

/**
 * An unsigned PSBT (BIP-174) that spends exactly the employer's `utxos`, pays `amountSats` to
 * the learner's address and returns the rest, less the fee, to `changeAddress` (no change
 * output when it would be dust: it goes to the fee). Version 2, inputs signal replaceability
 * (BIP-125) so a stuck payment can be fee-bumped. Our code never sees a private key: the
 * employer's wallet signs.
 *
 * @throws SkillproofError `ADDRESS_INVALID` for an address of another network or none;
 * `AMOUNT_INVALID`; `OUTPUT_DUST` for a payment below the dust threshold;
 * `FUNDS_INSUFFICIENT` when the coins don't cover amount and fee; `VALIDATION_FAILED` for a
 * malformed or duplicated coin, a coin type we can't spend, or a fee rate out of range.
 * @example
 * ```ts
 * const { psbt, feeSats } = buildPaymentPsbt({ network: 'testnet', utxos, payTo: claim.address,
 *   amountSats: task.rewardSats, feeRate: 2, changeAddress });
 * ```
 */
export function buildPaymentPsbt(input: BuildPaymentPsbtInput): PaymentPsbt {
  const network = bitcoinNetwork(input.network);
  const payTo = checkBitcoinAddress(input.payTo, input.network);
  const change = checkBitcoinAddress(input.changeAddress, input.network);
  const amountSats = checkSatoshiAmount(input.amountSats, 'the payment');
  if (
    typeof input.feeRate !== 'number' ||
    !Number.isFinite(input.feeRate) ||
    input.feeRate <= 0 ||
    input.feeRate > maxFeeRate
  ) {
    throw invalid(`the fee rate is more than 0 and at most ${maxFeeRate} sat/vB`);
  }
  if (input.utxos.length === 0) throw invalid('give at least one coin to spend');
  if (input.utxos.length > 500) throw invalid('give at most 500 coins');
  const seen = new Set<string>();
  const coins = input.utxos.map((utxo, index) => {
    const key = `${utxo.txid.toLowerCase()}:${utxo.vout}`;
    if (seen.has(key)) throw invalid(`coin ${index + 1} (${key}) is given twice`);
    seen.add(key);
    return { utxo, ...checkUtxo(utxo, index) };
  });
  const payScript = Buffer.from(payTo.outputScript, 'hex');
  const changeScript = Buffer.from(change.outputScript, 'hex');
  if (amountSats < dustThreshold(payScript)) {
    throw new SkillproofError(
      'OUTPUT_DUST',
      `${amountSats} sats to ${payTo.address} is below the dust threshold of ${dustThreshold(payScript)} sats`,
    );
  }
  const inputSats = coins.reduce((sum, coin) => sum + coin.utxo.valueSats, 0);
  const segwit = coins.some((coin) => coin.kind !== 'p2pkh');
  // Version, locktime, counts (4 + 4 + 1 + 1), plus the segwit marker and flag (2 WU).
  const baseVbytes =
    10 + (segwit ? 0.5 : 0) + coins.reduce((sum, coin) => sum + inputVbytes[coin.kind], 0);
  const vsizeOf = (withChange: boolean) =>
    Math.ceil(baseVbytes + outputVbytes(payScript) + (withChange ? outputVbytes(changeScript) : 0));
  let vsize = vsizeOf(true);
  let feeSats = Math.ceil(vsize * input.feeRate);
  let changeSats = inputSats - amountSats - feeSats;
  if (changeSats < dustThreshold(changeScript)) {
    vsize = vsizeOf(false);
    const leftOver = inputSats - amountSats - Math.ceil(vsize * input.feeRate);
    if (leftOver < 0) {
      throw new SkillproofError(
        'FUNDS_INSUFFICIENT',
        `the coins hold ${inputSats} sats; paying ${amountSats} sats at ${input.feeRate} sat/vB needs ${amountSats + Math.ceil(vsize * input.feeRate)}`,
      );
    }
    feeSats = inputSats - amountSats;
    changeSats = 0;
  }
  const psbt = new Psbt({ network });
  psbt.setVersion(2);
  for (const { utxo, kind, script } of coins) {
    psbt.addInput({
      hash: utxo.txid,
      index: utxo.vout,
      sequence: 0xfffffffd,
      ...(kind === 'p2pkh'
        ? { nonWitnessUtxo: Buffer.from(utxo.previousTransaction ?? '', 'hex') }
        : { witnessUtxo: { script, value: BigInt(utxo.valueSats) } }),
    });
  }
  psbt.addOutput({ script: payScript, value: BigInt(amountSats) });
  if (changeSats > 0) psbt.addOutput({ script: changeScript, value: BigInt(changeSats) });
  return { psbt: psbt.toBase64(), inputSats, amountSats, changeSats, feeSats, vsize };
}
