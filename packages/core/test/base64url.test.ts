import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { decodeBase64url, encodeBase64url } from '@skillproof/core';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('base64url', () => {
  it('round-trips every length from 0 to 100 bytes', () => {
    for (let length = 0; length <= 100; length++) {
      const bytes = randomBytes(length);
      expect(Buffer.from(decodeBase64url(encodeBase64url(bytes)) ?? [])).toEqual(bytes);
    }
  });

  it('accepts exactly the canonical encodings in the last group (all 2- and 3-character tails)', () => {
    for (const prefix of ['', 'A', 'AA']) {
      for (const last of alphabet) {
        const input = `QUJD${prefix}${last}`;
        if (input.length % 4 === 0) continue;
        // The reference: canonical means decoding and re-encoding gives the same text.
        const canonical = Buffer.from(input, 'base64url').toString('base64url') === input;
        expect([input, decodeBase64url(input) !== undefined]).toEqual([input, canonical]);
      }
    }
  });

  it('agrees with a strict reference on inputs salted with stray characters', () => {
    const reference = (input: string): boolean =>
      /^[A-Za-z0-9_-]*$/.test(input) &&
      input.length % 4 !== 1 &&
      Buffer.from(input, 'base64url').toString('base64url') === input;
    const strays = ['=', '+', '/', ' ', '\n', '.', '%', '\u00e9', '\u{1F600}', '\0'];
    for (let round = 0; round < 2_000; round++) {
      const clean = encodeBase64url(randomBytes(round % 40));
      const at = round % (clean.length + 1);
      const stray = strays[round % strays.length] as string;
      const salted = round % 3 === 0 ? clean : `${clean.slice(0, at)}${stray}${clean.slice(at)}`;
      expect([salted, decodeBase64url(salted) !== undefined]).toEqual([salted, reference(salted)]);
    }
  });

  it.each([
    ['padding', 'QQ=='],
    ['padding inside', 'QQ==QUJD'],
    ['the base64 alphabet', 'a+b/'],
    ['whitespace', 'QU JD'],
    ['a length of 4n+1', 'QUJDR'],
    ['a stray low bit', 'QR'],
  ])('refuses %s', (_name, input) => {
    expect(decodeBase64url(input)).toBeUndefined();
  });
});
