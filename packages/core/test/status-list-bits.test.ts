import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import {
  decodeStatusList,
  encodeBase64url,
  encodeStatusList,
  setStatusBit,
  statusBitAt,
} from '@skillproof/core';

describe('status list bits', () => {
  it('round-trips a list through GZIP and multibase base64url', () => {
    const bits = new Uint8Array(131_072 / 8);
    for (const index of [0, 9, 131_071]) setStatusBit(bits, index, true);
    const encoded = encodeStatusList(bits);
    expect(encoded.startsWith('uH4sI')).toBe(true);
    const decoded = decodeStatusList(encoded, 1 << 20);
    expect('bits' in decoded && decoded.bits).toEqual(bits);
    expect([0, 1, 8, 9, 131_070, 131_071].map((index) => statusBitAt(bits, index))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('puts index 0 in the most significant bit of the first byte', () => {
    const bits = new Uint8Array(2);
    setStatusBit(bits, 0, true);
    setStatusBit(bits, 15, true);
    expect([...bits]).toEqual([0b1000_0000, 0b0000_0001]);
    setStatusBit(bits, 0, false);
    expect([...bits]).toEqual([0, 1]);
  });

  it('refuses to set a bit beyond the list', () => {
    expect(() => setStatusBit(new Uint8Array(1), 8, true)).toThrow(RangeError);
  });

  it('reads plain base64url too (StatusList2021)', () => {
    const plain = encodeBase64url(gzipSync(new Uint8Array([0x80])));
    const decoded = decodeStatusList(plain, 16);
    expect('bits' in decoded && statusBitAt(decoded.bits, 0)).toBe(true);
  });

  it('says why it cannot decode, and bounds the inflated size', () => {
    expect(decodeStatusList('u***', 16)).toEqual({ problem: 'encodedList is not base64url' });
    expect(decodeStatusList('uAAAA', 16)).toEqual({ problem: 'encodedList is not GZIP data' });
    expect(decodeStatusList(encodeStatusList(new Uint8Array(1024)), 512)).toEqual({
      problem: 'encodedList inflates beyond 512 bytes',
    });
  });
});
