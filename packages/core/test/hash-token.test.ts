import { describe, expect, it } from '@jest/globals';
import { hashToken } from '@skillproof/core';

describe('hashToken', () => {
  it('is SHA-256 as lower-case hex (FIPS 180-2 test vector), as sessions were always stored', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
