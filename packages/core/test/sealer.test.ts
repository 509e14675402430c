import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  createSealer,
  deriveSealingKey,
  newScryptParams,
  openSealedJson,
  sealJson,
  type ScryptParams,
} from '@skillproof/core';

const before = JSON.parse(
  readFileSync(new URL('./fixtures/sealed-before-unification.json', import.meta.url), 'utf8'),
) as {
  walletKeystore: { passphrase: string; purpose: string; box: unknown };
  issuerPrivateKey: {
    secret: string;
    params: ScryptParams;
    purpose: string;
    sealed: string;
    check: string;
    plaintext: string;
  };
};

const fast = { scryptLogN: 10 };

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown }).code;
}

describe('the one sealer', () => {
  it('seals strings for a purpose and opens them only for that purpose and key', async () => {
    const params = newScryptParams(10);
    const sealer = createSealer(await deriveSealingKey('secret one', params));
    const sealed = sealer.seal('private key', 'private-key:a');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealer.open(sealed, 'private-key:a')).toBe('private key');
    expect(() => sealer.open(sealed, 'private-key:b')).toThrow(
      expect.objectContaining({ code: 'KEY_SECRET_INVALID' }) as unknown as Error,
    );
    const other = createSealer(await deriveSealingKey('secret two', params));
    expect(() => other.open(sealed, 'private-key:a')).toThrow(
      expect.objectContaining({ code: 'KEY_SECRET_INVALID' }) as unknown as Error,
    );
    expect(() => other.assertCheck(sealer.makeCheck())).toThrow(
      expect.objectContaining({ code: 'KEY_SECRET_INVALID' }) as unknown as Error,
    );
    // Flip the second-to-last character (always data bits), to one it is not.
    const flipped = sealed.at(-2) === 'A' ? 'B' : 'A';
    const tampered = sealed.slice(0, -2) + flipped + sealed.slice(-1);
    expect(tampered).not.toBe(sealed);
    expect(() => sealer.open(tampered, 'private-key:a')).toThrow();
    expect(() => sealer.open('v2.abc', 'private-key:a')).toThrow(
      expect.objectContaining({ code: 'KEY_SECRET_INVALID' }) as unknown as Error,
    );
  });

  it('seals JSON files with a version and refuses a wrong passphrase or purpose', async () => {
    const box = await sealJson({ n: 1 }, 'correct horse', 'skillproof-backup', fast);
    expect(box.version).toBe(1);
    await expect(openSealedJson(box, 'correct horse', 'skillproof-backup')).resolves.toEqual({
      n: 1,
    });
    for (const [passphrase, purpose] of [
      ['wrong horse', 'skillproof-backup'],
      ['correct horse', 'skillproof-keystore'],
    ] as const) {
      await openSealedJson(box, passphrase, purpose).then(
        () => {
          throw new Error('opened');
        },
        (error: unknown) => expect(codeOf(error)).toBe('KEY_SECRET_INVALID'),
      );
    }
  });

  it('refuses what is not a sealed box, and scrypt costs that would exhaust memory', async () => {
    for (const notBox of [null, 'v1.abc', { kdf: { name: 'scrypt' } }]) {
      await openSealedJson(notBox, 'x', 'y').then(
        () => {
          throw new Error('opened');
        },
        (error: unknown) => expect(codeOf(error)).toBe('CONFIGURATION_INVALID'),
      );
    }
    const box = await sealJson({ n: 1 }, 'p', 'q', fast);
    const greedy = { ...box, kdf: { ...box.kdf, N: 2 ** 24 } };
    await openSealedJson(greedy, 'p', 'q').then(
      () => {
        throw new Error('opened');
      },
      (error: unknown) => expect(codeOf(error)).toBe('CONFIGURATION_INVALID'),
    );
    await expect(deriveSealingKey('', newScryptParams(10))).rejects.toThrow(/empty/);
  });

  it('opens what the two sealers wrote before they were one', async () => {
    const { walletKeystore, issuerPrivateKey } = before;
    await expect(
      openSealedJson(walletKeystore.box, walletKeystore.passphrase, walletKeystore.purpose),
    ).resolves.toEqual({ did: 'did:key:z6MkExample', privateKeyHex: '00'.repeat(32) });
    const sealer = createSealer(
      await deriveSealingKey(issuerPrivateKey.secret, issuerPrivateKey.params),
    );
    expect(sealer.open(issuerPrivateKey.sealed, issuerPrivateKey.purpose)).toBe(
      issuerPrivateKey.plaintext,
    );
    expect(() => sealer.assertCheck(issuerPrivateKey.check)).not.toThrow();
  });
});
