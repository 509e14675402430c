import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ed25519KeyObject, verifyEd25519 } from '@skillproof/core';

// Project Wycheproof's Ed25519 vectors (see fixtures/wycheproof/NOTICE.md), run through the
// signature path every credential and presentation takes: ed25519KeyObject + verifyEd25519.

interface WycheproofTest {
  tcId: number;
  comment: string;
  flags: string[];
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
}

interface WycheproofFile {
  numberOfTests: number;
  testGroups: Array<{ publicKey: { pk: string }; tests: WycheproofTest[] }>;
}

const vectors = JSON.parse(
  readFileSync(new URL('./fixtures/wycheproof/ed25519_test.json', import.meta.url), 'utf8'),
) as WycheproofFile;

/** The group's key, or `undefined` when Node refuses to import it. */
function importPublicKey(hex: string): KeyObject | undefined {
  try {
    return ed25519KeyObject(Buffer.from(hex, 'hex'));
  } catch {
    return undefined;
  }
}

const cases = vectors.testGroups.flatMap((group) => {
  const publicKey = importPublicKey(group.publicKey.pk);
  return group.tests.map((test) => ({
    ...test,
    publicKey,
    label: `tcId ${test.tcId} [${test.flags.join(', ')}]${test.comment ? ` ${test.comment}` : ''}`,
  }));
});

describe('Wycheproof Ed25519 vectors', () => {
  it('holds all 151 tests, each valid or invalid, under distinct tcIds', () => {
    expect(vectors.numberOfTests).toBe(151);
    expect(cases).toHaveLength(151);
    expect(new Set(cases.map((test) => test.tcId)).size).toBe(151);
    expect(cases.filter((test) => test.result !== 'valid' && test.result !== 'invalid')).toEqual(
      [],
    );
  });

  // A group whose key Node refuses to import verifies nothing, so every one of its tests must
  // be one Wycheproof expects to fail.
  it.each(cases)('$label is $result', ({ msg, sig, result, publicKey }) => {
    const accepted =
      publicKey !== undefined &&
      verifyEd25519(Buffer.from(msg, 'hex'), Buffer.from(sig, 'hex'), publicKey);
    expect(accepted).toBe(result === 'valid');
  });

  // RFC 8032 §5.1.7: a signature is exactly 64 bytes. A valid signature cut short or padded
  // must be refused, never thrown on (and never verified on its first 64 bytes).
  const valid = cases.find((test) => test.result === 'valid' && test.msg.length > 0);
  it.each([0, 32, 63, 65, 128])('refuses a %i-byte signature without throwing', (length) => {
    const publicKey = valid?.publicKey;
    if (!valid || !publicKey) throw new Error('the vectors hold no valid signature over a message');
    const message = Buffer.from(valid.msg, 'hex');
    const validSignature = Buffer.from(valid.sig, 'hex');
    const signature = Buffer.alloc(length);
    validSignature.copy(signature);
    expect(verifyEd25519(message, validSignature, publicKey)).toBe(true);
    expect(() => verifyEd25519(message, signature, publicKey)).not.toThrow();
    expect(verifyEd25519(message, signature, publicKey)).toBe(false);
  });
});
