import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createStatusIndexPermutation } from '../../src/store/status-index-permutation.js';

describe('createStatusIndexPermutation', () => {
  it.each([2, 8, 16, 24, 1000, 4096])('permutes [0, %i): every index once', (length) => {
    const permutation = createStatusIndexPermutation(randomBytes(32), length);
    const indexes = Array.from({ length }, (_, position) => permutation(position));
    expect([...indexes].sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, index) => index));
  });

  it('hands out a full-size list in an order that does not give issuance order away', () => {
    const permutation = createStatusIndexPermutation(randomBytes(32), 131_072);
    const first = Array.from({ length: 1000 }, (_, position) => permutation(position));
    expect(new Set(first).size).toBe(1000);
    expect(first.every((index) => index >= 0 && index < 131_072)).toBe(true);
    // Sequential allocation would keep these in 0..999; a random order spreads them out.
    expect(first.filter((index) => index >= 1000).length).toBeGreaterThan(900);
    const ascending = first.slice(1).filter((index, position) => index > (first[position] ?? 0));
    expect(ascending.length).toBeGreaterThan(350);
    expect(ascending.length).toBeLessThan(650);
  });

  it('depends on the key, and is the same for the same key', () => {
    const key = randomBytes(32);
    const again = Buffer.from(key);
    const other = randomBytes(32);
    const order = (k: Buffer) => {
      const permutation = createStatusIndexPermutation(k, 131_072);
      return Array.from({ length: 50 }, (_, position) => permutation(position));
    };
    expect(order(again)).toEqual(order(key));
    expect(order(other)).not.toEqual(order(key));
  });

  it('refuses a position outside the list', () => {
    const permutation = createStatusIndexPermutation(randomBytes(32), 16);
    expect(() => permutation(16)).toThrow(RangeError);
    expect(() => permutation(-1)).toThrow(RangeError);
    expect(() => permutation(0.5)).toThrow(RangeError);
    expect(() => createStatusIndexPermutation(randomBytes(32), 1)).toThrow(RangeError);
  });
});
