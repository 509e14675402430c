import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ecc from '@bitcoinerlab/secp256k1';
import { address, networks, payments, Transaction } from 'bitcoinjs-lib';
import {
  buildPaymentPsbt,
  checkBitcoinAddress,
  readPsbt,
  type EmployerUtxo,
} from '@skillproof/jobboard';
import { testAddresses } from '../../fixtures/bitcoin/test-addresses.js';

// BIP-174's test vectors; notice in the file.
const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/bitcoin/bip174-vectors.json', import.meta.url), 'utf8'),
) as {
  invalid: Array<{ case: string; base64: string }>;
  valid: Array<{ case: string; base64: string }>;
  creator: {
    inputs: Array<{ txid: string; vout: number }>;
    outputs: Array<{ script: string; value: number }>;
    base64: string;
  };
};

/** A test-only key of the employer's wallet: the board's code never sees one. */
const employerKey = createHash('sha256').update('employer wallet (test only)').digest();
const employerPublicKey = ecc.pointFromScalar(employerKey, true)!;
const employerScript = payments.p2wpkh({
  pubkey: employerPublicKey,
  network: networks.testnet,
}).output!;
const employerSigner = {
  publicKey: employerPublicKey,
  sign: (hash: Uint8Array) => ecc.sign(hash, employerKey),
};

const learner = testAddresses('learner').testnet;
const change = testAddresses('employer change').testnet.p2wpkh;
const txid = (n: number) => createHash('sha256').update(`funding ${n}`).digest('hex');

function coin(n: number, valueSats: number): EmployerUtxo {
  return {
    txid: txid(n),
    vout: n % 3,
    valueSats,
    scriptPubKey: Buffer.from(employerScript).toString('hex'),
  };
}

const reversedHex = (hash: Uint8Array) => Buffer.from(hash).reverse().toString('hex');

describe('BIP-174 test vectors', () => {
  it.each(vectors.invalid.map((vector) => [vector.case, vector.base64]))(
    'refuses the invalid PSBT: %s',
    (_, base64) => {
      expect(() => readPsbt(base64, 'mainnet')).toThrow(
        expect.objectContaining({ code: 'PSBT_INVALID' }),
      );
    },
  );

  it.each(vectors.valid.map((vector) => [vector.case, vector.base64]))(
    'reads the valid PSBT and writes it back: %s',
    (_, base64) => {
      const psbt = readPsbt(base64, 'mainnet');
      if (psbt.txInputs.length > 0) {
        expect(psbt.toBase64()).toBe(base64);
      } else {
        // With no inputs, the unsigned transaction is written in bitcoinjs-lib's own form (the
        // zero input count reads like a segwit marker); it must still read back the same.
        const again = readPsbt(psbt.toBase64(), 'mainnet');
        expect(again.txOutputs).toEqual(psbt.txOutputs);
        expect(again.txInputs).toHaveLength(0);
      }
    },
  );

  it('reads the Creator vector as the inputs and outputs it was made of', () => {
    const psbt = readPsbt(vectors.creator.base64, 'mainnet');
    expect(psbt.txInputs.map((input) => [reversedHex(input.hash), input.index])).toEqual(
      vectors.creator.inputs.map((input) => [input.txid, input.vout]),
    );
    expect(
      psbt.txOutputs.map((output) => [
        Buffer.from(output.script).toString('hex'),
        Number(output.value),
      ]),
    ).toEqual(vectors.creator.outputs.map((output) => [output.script, output.value]));
  });

  it.each(['', 'not base64!', 'cHNidP8=', 'A'.repeat(300_000), 42])(
    'refuses %p with PSBT_INVALID',
    (input) => {
      expect(() => readPsbt(input, 'testnet')).toThrow(
        expect.objectContaining({ code: 'PSBT_INVALID' }),
      );
    },
  );
});

describe('buildPaymentPsbt', () => {
  const utxos = [coin(1, 30_000), coin(2, 25_000)];

  it('spends exactly the given coins, pays exactly the amount, returns the change less the fee', () => {
    const built = buildPaymentPsbt({
      network: 'testnet',
      utxos,
      payTo: learner.p2wpkh,
      amountSats: 40_000,
      feeRate: 2,
      changeAddress: change,
    });
    const psbt = readPsbt(built.psbt, 'testnet');
    expect(psbt.txInputs.map((input) => [reversedHex(input.hash), input.index])).toEqual(
      utxos.map((utxo) => [utxo.txid, utxo.vout]),
    );
    expect(psbt.txOutputs.map((output) => [output.address, Number(output.value)])).toEqual([
      [learner.p2wpkh, 40_000],
      [change, built.changeSats],
    ]);
    expect(built.inputSats).toBe(55_000);
    expect(built.feeSats).toBe(Math.ceil(built.vsize * 2));
    expect(built.changeSats).toBe(55_000 - 40_000 - built.feeSats);
    // Unsigned, no key material: only what each coin is, for the signer.
    for (const input of psbt.data.inputs) {
      expect(Object.keys(input)).toEqual(['witnessUtxo']);
    }

    // The employer's wallet signs it; the signed transaction pays at least the fee rate asked.
    psbt.signAllInputs(employerSigner);
    expect(
      psbt.validateSignaturesOfAllInputs((pubkey, hash, signature) =>
        ecc.verify(hash, pubkey, signature),
      ),
    ).toBe(true);
    psbt.finalizeAllInputs();
    const transaction = psbt.extractTransaction();
    expect(transaction.virtualSize()).toBeLessThanOrEqual(built.vsize);
    expect(built.feeSats / transaction.virtualSize()).toBeGreaterThanOrEqual(2);
    expect(transaction.ins.every((input) => input.sequence === 0xfffffffd)).toBe(true);
  });

  it('pays to taproot and base58 addresses of the network', () => {
    for (const payTo of [learner.p2tr, learner.p2pkh, learner.p2sh]) {
      const built = buildPaymentPsbt({
        network: 'signet',
        utxos,
        payTo,
        amountSats: 10_000,
        feeRate: 1,
        changeAddress: change,
      });
      expect(readPsbt(built.psbt, 'signet').txOutputs[0]).toMatchObject({
        address: payTo,
        value: 10_000n,
      });
    }
  });

  it('gives change that would be dust to the fee', () => {
    const built = buildPaymentPsbt({
      network: 'testnet',
      utxos: [coin(3, 10_300)],
      payTo: learner.p2wpkh,
      amountSats: 10_000,
      feeRate: 1,
      changeAddress: change,
    });
    expect(built.changeSats).toBe(0);
    expect(built.feeSats).toBe(300);
    expect(readPsbt(built.psbt, 'testnet').txOutputs).toHaveLength(1);
  });

  it('refuses coins that do not cover amount and fee (FUNDS_INSUFFICIENT)', () => {
    expect(() =>
      buildPaymentPsbt({
        network: 'testnet',
        utxos: [coin(4, 10_050)],
        payTo: learner.p2wpkh,
        amountSats: 10_000,
        feeRate: 1,
        changeAddress: change,
      }),
    ).toThrow(expect.objectContaining({ code: 'FUNDS_INSUFFICIENT' }));
  });

  it('refuses a payment below the dust threshold (OUTPUT_DUST)', () => {
    expect(() =>
      buildPaymentPsbt({
        network: 'testnet',
        utxos,
        payTo: learner.p2wpkh,
        amountSats: 293,
        feeRate: 1,
        changeAddress: change,
      }),
    ).toThrow(expect.objectContaining({ code: 'OUTPUT_DUST' }));
    expect(
      buildPaymentPsbt({
        network: 'testnet',
        utxos,
        payTo: learner.p2wpkh,
        amountSats: 294,
        feeRate: 1,
        changeAddress: change,
      }).amountSats,
    ).toBe(294);
  });

  it('refuses addresses of another network (ADDRESS_INVALID)', () => {
    const mainnet = testAddresses('learner').mainnet.p2wpkh;
    for (const [payTo, changeAddress] of [
      [mainnet, change],
      [learner.p2wpkh, mainnet],
    ] as const) {
      expect(() =>
        buildPaymentPsbt({
          network: 'testnet',
          utxos,
          payTo,
          amountSats: 1000,
          feeRate: 1,
          changeAddress,
        }),
      ).toThrow(expect.objectContaining({ code: 'ADDRESS_INVALID' }));
    }
  });

  it('refuses malformed, duplicated and unsupported coins, and fee rates out of range', () => {
    const build = (utxos: EmployerUtxo[], feeRate = 1) =>
      buildPaymentPsbt({
        network: 'testnet',
        utxos,
        payTo: learner.p2wpkh,
        amountSats: 1000,
        feeRate,
        changeAddress: change,
      });
    const p2wsh = address.toOutputScript(
      address.toBech32(Buffer.alloc(32, 7), 0, 'tb'),
      networks.testnet,
    );
    for (const bad of [
      [coin(1, 30_000), coin(1, 30_000)],
      [{ ...coin(1, 30_000), txid: 'xyz' }],
      [{ ...coin(1, 30_000), vout: -1 }],
      [{ ...coin(1, 30_000), scriptPubKey: Buffer.from(p2wsh).toString('hex') }],
      [{ ...coin(1, 30_000), scriptPubKey: 'zz' }],
      [],
    ]) {
      expect(() => build(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
    expect(() => build([{ ...coin(1, 30_000), valueSats: 1.5 }])).toThrow(
      expect.objectContaining({ code: 'AMOUNT_INVALID' }),
    );
    for (const feeRate of [0, -1, Number.NaN, 10_001]) {
      expect(() => build(utxos, feeRate)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });

  it('spends a P2PKH coin only with its previous transaction, which must hold it', () => {
    const p2pkh = address.toOutputScript(learner.p2pkh, networks.testnet);
    const previous = new Transaction();
    previous.addInput(Buffer.alloc(32, 1), 0);
    previous.addOutput(p2pkh, 50_000n);
    const legacy: EmployerUtxo = {
      txid: previous.getId(),
      vout: 0,
      valueSats: 50_000,
      scriptPubKey: Buffer.from(p2pkh).toString('hex'),
    };
    const build = (utxo: EmployerUtxo) =>
      buildPaymentPsbt({
        network: 'testnet',
        utxos: [utxo],
        payTo: checkBitcoinAddress(learner.p2wpkh, 'testnet').address,
        amountSats: 20_000,
        feeRate: 1,
        changeAddress: change,
      });
    expect(() => build(legacy)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() =>
      build({ ...legacy, valueSats: 40_000, previousTransaction: previous.toHex() }),
    ).toThrow(/does not hold this coin/);
    const built = build({ ...legacy, previousTransaction: previous.toHex() });
    expect(Object.keys(readPsbt(built.psbt, 'testnet').data.inputs[0]!)).toEqual([
      'nonWitnessUtxo',
    ]);
  });
});
