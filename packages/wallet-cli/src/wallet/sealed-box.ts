import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { SkillproofError } from '@skillproof/core';

/** log2 of scrypt's N for keys and backups: 2^17 (128 MiB), OWASP's floor for scrypt. */
export const defaultScryptLogN = 17;

// Above 2^20 (1 GiB) a sealed file would be a way to exhaust memory, not a stronger key.
const maxScryptLogN = 20;

/**
 * A passphrase-sealed JSON value: scrypt derives a 256-bit key, AES-256-GCM encrypts and
 * authenticates. The parameters travel with the data so the cost can be raised later.
 */
export interface SealedBox {
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  iv: string;
  ciphertext: string;
  tag: string;
}

function deriveKey(passphrase: string, kdf: SealedBox['kdf']): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFKC'),
      Buffer.from(kdf.salt, 'base64url'),
      32,
      // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) refuses N = 2^17.
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/**
 * Seals `value` (as JSON) under `passphrase`. `purpose` is authenticated with it (GCM's
 * associated data), so a sealed key can't be passed off as a backup or the other way round.
 *
 * @example
 * ```ts
 * const box = await sealJson({ secret: 1 }, 'correct horse battery', 'skillproof-keystore');
 * ```
 */
export async function sealJson(
  value: unknown,
  passphrase: string,
  purpose: string,
  options: { scryptLogN?: number } = {},
): Promise<SealedBox> {
  const kdf: SealedBox['kdf'] = {
    name: 'scrypt',
    N: 2 ** (options.scryptLogN ?? defaultScryptLogN),
    r: 8,
    p: 1,
    salt: randomBytes(16).toString('base64url'),
  };
  const key = await deriveKey(passphrase, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  key.fill(0);
  return {
    kdf,
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

function isSealedBox(value: unknown): value is SealedBox {
  if (typeof value !== 'object' || value === null) return false;
  const box = value as Partial<SealedBox>;
  const kdf = box.kdf;
  return (
    typeof kdf === 'object' &&
    kdf !== null &&
    kdf.name === 'scrypt' &&
    Number.isInteger(kdf.N) &&
    kdf.N >= 2 &&
    kdf.N <= 2 ** maxScryptLogN &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    kdf.r === 8 &&
    kdf.p === 1 &&
    typeof kdf.salt === 'string' &&
    box.cipher === 'aes-256-gcm' &&
    typeof box.iv === 'string' &&
    typeof box.ciphertext === 'string' &&
    typeof box.tag === 'string'
  );
}

/**
 * Opens a {@link SealedBox}. A wrong passphrase fails GCM's tag check and is reported as such:
 * never an empty or garbled value.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase (or tampered data);
 * `CONFIGURATION_INVALID` when `box` is not a sealed box at all.
 *
 * @example
 * ```ts
 * const value = await openSealedJson(box, 'correct horse battery', 'skillproof-keystore');
 * ```
 */
export async function openSealedJson(
  box: unknown,
  passphrase: string,
  purpose: string,
): Promise<unknown> {
  if (!isSealedBox(box)) {
    throw new SkillproofError('CONFIGURATION_INVALID', 'not a sealed Skillproof file');
  }
  const key = await deriveKey(passphrase, box.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64url'));
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64url'));
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(box.ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return JSON.parse(plaintext.toString('utf8')) as unknown;
  } catch {
    throw new SkillproofError('KEY_SECRET_INVALID', 'wrong passphrase');
  } finally {
    key.fill(0);
  }
}
