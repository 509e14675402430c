import { describe, expect, it } from '@jest/globals';
import {
  checkBitcoinAddress,
  checkSatoshiAmount,
  formatBitcoinAmount,
  maxSatoshiAmount,
  readBitcoinNetworkName,
} from '@skillproof/jobboard';
import { testAddresses } from '../../fixtures/bitcoin/test-addresses.js';

const addresses = testAddresses('bitcoin-rules');

describe('amounts in satoshis', () => {
  it('takes whole satoshis from 1 to 21e14', () => {
    expect(checkSatoshiAmount(1)).toBe(1);
    expect(checkSatoshiAmount(maxSatoshiAmount)).toBe(2_100_000_000_000_000);
  });

  it.each([0, -1, 1.5, maxSatoshiAmount + 1, Number.NaN, Infinity, '5000', null, 10n])(
    'refuses %p with AMOUNT_INVALID',
    (value) => {
      expect(() => checkSatoshiAmount(value, 'the reward')).toThrow(
        expect.objectContaining({
          code: 'AMOUNT_INVALID',
          message: expect.stringContaining('the reward'),
        }),
      );
    },
  );

  it('writes decimal BTC exactly, without floats or trailing zeros', () => {
    expect(formatBitcoinAmount(1)).toBe('0.00000001');
    expect(formatBitcoinAmount(150_000)).toBe('0.0015');
    expect(formatBitcoinAmount(2_030_000_000)).toBe('20.3');
    expect(formatBitcoinAmount(5_000_000_000)).toBe('50');
    expect(formatBitcoinAmount(maxSatoshiAmount)).toBe('21000000');
    expect(formatBitcoinAmount(2_099_999_999_999_999)).toBe('20999999.99999999');
    // 0.1 + 0.2 in floats is not 0.3; in satoshis it is.
    expect(formatBitcoinAmount(10_000_000 + 20_000_000)).toBe('0.3');
  });
});

describe('checkBitcoinAddress', () => {
  it.each(Object.entries(addresses.testnet))(
    'takes a testnet %s address on testnet and signet',
    (_, address) => {
      const checked = checkBitcoinAddress(address, 'testnet');
      expect(checked.outputScript).toMatch(/^[0-9a-f]+$/);
      expect(checkBitcoinAddress(address, 'signet').outputScript).toBe(checked.outputScript);
    },
  );

  it.each(Object.entries(addresses.mainnet))(
    'takes a mainnet %s address on mainnet only',
    (_, address) => {
      expect(checkBitcoinAddress(address, 'mainnet').address).toBe(address);
      expect(() => checkBitcoinAddress(address, 'testnet')).toThrow(
        expect.objectContaining({
          code: 'ADDRESS_INVALID',
          message: `${address} is a mainnet address; this board pays on testnet`,
        }),
      );
    },
  );

  it('takes the BIP-84 vector address on mainnet and refuses it on regtest', () => {
    expect(
      checkBitcoinAddress('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', 'mainnet').outputScript,
    ).toBe('0014c0cebcd6c3d3ca8c75dc5ec62ebe55330ef910e2');
    expect(() =>
      checkBitcoinAddress('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu', 'regtest'),
    ).toThrow(expect.objectContaining({ code: 'ADDRESS_INVALID' }));
  });

  it('says a testnet address is one when the board pays on mainnet, and reads regtest', () => {
    expect(() => checkBitcoinAddress(addresses.testnet.p2wpkh, 'mainnet')).toThrow(
      /is a testnet address; this board pays on mainnet/,
    );
    expect(checkBitcoinAddress(addresses.regtest.p2wpkh, 'regtest').network).toBe('regtest');
  });

  it.each([
    [
      'a bad bech32 checksum',
      addresses.testnet.p2wpkh.slice(0, -1) + (addresses.testnet.p2wpkh.endsWith('q') ? 'p' : 'q'),
    ],
    [
      'a bad base58 checksum',
      addresses.testnet.p2pkh.slice(0, -1) + (addresses.testnet.p2pkh.endsWith('1') ? '2' : '1'),
    ],
    [
      'mixed case',
      `${addresses.testnet.p2wpkh.slice(0, 5).toUpperCase()}${addresses.testnet.p2wpkh.slice(5)}`,
    ],
    ['an empty string', ''],
    ['no string', 42],
    ['too long', `tb1q${'q'.repeat(100)}`],
    ['words', 'pay me please'],
  ])('refuses %s with ADDRESS_INVALID', (_, address) => {
    expect(() => checkBitcoinAddress(address, 'testnet')).toThrow(
      expect.objectContaining({ code: 'ADDRESS_INVALID' }),
    );
  });

  it('reads network names, refusing unknown ones', () => {
    expect(readBitcoinNetworkName('signet')).toBe('signet');
    expect(() => readBitcoinNetworkName('litecoin')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
