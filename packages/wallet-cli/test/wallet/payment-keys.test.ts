import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as ecc from '@bitcoinerlab/secp256k1';
import { BIP32Factory } from 'bip32';
import * as bip39 from 'bip39';
import { networks } from 'bitcoinjs-lib';
import {
  checkMnemonic,
  derivePaymentAddress,
  generateMnemonic,
  paymentAccountKeys,
} from '@skillproof/wallet-cli';

// BIP-84 and BIP-39 (trezor/python-mnemonic) vectors, with their notices in the files.
const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/bitcoin/${name}`, import.meta.url), 'utf8'));
const bip84 = read('bip84-vectors.json') as {
  mnemonic: string;
  rootpriv: string;
  rootpub: string;
  account0: { xpriv: string; xpub: string };
  addresses: Array<{ path: string; pubkey: string; address: string }>;
};
const bip39Vectors = read('bip39-vectors.json') as {
  passphrase: string;
  english: Array<[string, string, string, string]>;
};

// BIP-84 serialises with SLIP-132 versions: zprv 0x04b2430c, zpub 0x04b24746.
const zNetwork = {
  messagePrefix: '\x18Bitcoin Signed Message:\n',
  bech32: 'bc',
  bip32: { public: 0x04b24746, private: 0x04b2430c },
  pubKeyHash: 0x00,
  scriptHash: 0x05,
  wif: 0x80,
};

describe('BIP-84 test vectors', () => {
  const seed = bip39.mnemonicToSeedSync(checkMnemonic(bip84.mnemonic));
  const root = BIP32Factory(ecc).fromSeed(seed, zNetwork);

  it('gives the root and account 0 keys (zprv/zpub)', () => {
    expect(root.toBase58()).toBe(bip84.rootpriv);
    expect(root.neutered().toBase58()).toBe(bip84.rootpub);
    const account = root.derivePath("m/84'/0'/0'");
    expect(account.toBase58()).toBe(bip84.account0.xpriv);
    expect(account.neutered().toBase58()).toBe(bip84.account0.xpub);
  });

  it('derives the first two receiving addresses and the first change address from the account key', () => {
    const { mainnet } = paymentAccountKeys(bip84.mnemonic);
    const [first, second, change] = bip84.addresses;
    expect(derivePaymentAddress(mainnet, 'mainnet', 0)).toBe(first!.address);
    expect(derivePaymentAddress(mainnet, 'mainnet', 1)).toBe(second!.address);
    expect(derivePaymentAddress(mainnet, 'mainnet', 0, 1)).toBe(change!.address);
    expect(Buffer.from(root.derivePath(first!.path).publicKey).toString('hex')).toBe(first!.pubkey);
  });

  it('derives test-network addresses on coin type 1 (tb1… and bcrt1…), never the mainnet ones', () => {
    const { test } = paymentAccountKeys(bip84.mnemonic);
    expect(test.startsWith('tpub')).toBe(true);
    expect(test).toBe(
      BIP32Factory(ecc)
        .fromSeed(seed, networks.testnet)
        .derivePath("m/84'/1'/0'")
        .neutered()
        .toBase58(),
    );
    const testnet = derivePaymentAddress(test, 'testnet', 0);
    expect(testnet).toMatch(/^tb1q[0-9a-z]{38}$/);
    expect(derivePaymentAddress(test, 'signet', 0)).toBe(testnet);
    expect(derivePaymentAddress(test, 'regtest', 0)).toMatch(/^bcrt1q/);
    expect(testnet.slice(4)).not.toBe(bip84.addresses[0]!.address.slice(4));
  });

  it('refuses an index outside 0 .. 2^31-1', () => {
    const { test } = paymentAccountKeys(bip84.mnemonic);
    for (const index of [-1, 2 ** 31, 1.5]) {
      expect(() => derivePaymentAddress(test, 'testnet', index)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });
});

describe('BIP-39 (trezor vectors)', () => {
  it.each(bip39Vectors.english)(
    'entropy %s gives its mnemonic and seed',
    (entropy, mnemonic, seed) => {
      expect(bip39.entropyToMnemonic(entropy)).toBe(mnemonic);
      expect(checkMnemonic(mnemonic)).toBe(mnemonic);
      expect(bip39.mnemonicToSeedSync(mnemonic, bip39Vectors.passphrase).toString('hex')).toBe(
        seed,
      );
    },
  );

  it('reads words in any case and spacing', () => {
    expect(checkMnemonic(`  ${bip84.mnemonic.toUpperCase().replaceAll(' ', '\n  ')}\n`)).toBe(
      bip84.mnemonic,
    );
  });

  it.each([
    ['a wrong checksum', 'abandon '.repeat(12).trim(), /checksum/],
    ['a wrong word count', `${'abandon '.repeat(10)}about`, /12, 15, 18, 21 or 24 words, not 11/],
    ['too few words', 'abandon about', /not 2/],
    ['a word not in the list', `${'abandon '.repeat(11)}bitcoin`, /word 12 is not in the BIP-39/],
  ])('refuses %s', (_, words, message) => {
    expect(() => checkMnemonic(words)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('makes 12 and 24 word phrases that check out', () => {
    expect(checkMnemonic(generateMnemonic(12)).split(' ')).toHaveLength(12);
    expect(checkMnemonic(generateMnemonic(24)).split(' ')).toHaveLength(24);
  });
});
