import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { SkillproofError } from '../skillproof-error.js';

/**
 * The one sealer: scrypt turns a secret (an issuer's key secret, a learner's passphrase) into a
 * 256-bit key; AES-256-GCM encrypts and authenticates. Every sealed value carries its version,
 * and the `purpose` it was sealed for is authenticated with it (GCM's associated data), so a
 * sealed key can't be passed off as a backup, or moved under another alias.
 *
 * Two shapes, one construction:
 * - a sealed **string** `v1.<base64url(iv ‖ ciphertext ‖ tag)>` under a key derived once
 *   ({@link createSealer}): the issuer's private keys in SQLite;
 * - a sealed **file** ({@link SealedBox}), JSON with its scrypt parameters beside it
 *   ({@link sealJson}): the wallet's key and its backups.
 */

/** scrypt parameters; stored beside what they protect so the cost can be raised later. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  /** base64url. */
  salt: string;
}

/** log2 of scrypt's N by default: 2^17 (128 MiB, ~0.3 s here), OWASP's floor for scrypt. */
export const defaultScryptLogN = 17;

// Above 2^20 (1 GiB) sealed data would be a way to exhaust memory, not a stronger key.
const maxScryptLogN = 20;

/** A passphrase-sealed JSON value, as the wallet stores it in a file. */
export interface SealedBox {
  /** Absent in files written before versions were recorded; read as 1. */
  version?: 1;
  kdf: { name: 'scrypt' } & ScryptParams;
  cipher: 'aes-256-gcm';
  iv: string;
  ciphertext: string;
  tag: string;
}

/** Seals and opens strings under one derived key. */
export interface Sealer {
  /** Seals `plaintext` for `purpose`: `v1.<base64url(iv ‖ ciphertext ‖ tag)>`. */
  seal(plaintext: string, purpose: string): string;
  /**
   * Opens what {@link Sealer.seal} sealed for the same `purpose`.
   *
   * @throws SkillproofError `KEY_SECRET_INVALID` for another key, another purpose or tampering:
   * never an empty or garbled result.
   */
  open(sealed: string, purpose: string): string;
  /** A value that proves, on the next open, that the same secret is in use. */
  makeCheck(): string;
  /** @throws SkillproofError `KEY_SECRET_INVALID` when the check was sealed with another key. */
  assertCheck(check: string): void;
}

const ivBytes = 12;
const tagBytes = 16;
const keyCheckPlaintext = 'skillproof key check v1';

/** Fresh scrypt parameters with a random salt. */
export function newScryptParams(logN = defaultScryptLogN): ScryptParams {
  if (!Number.isInteger(logN) || logN < 1 || logN > maxScryptLogN) {
    throw new TypeError(`scrypt logN must be a whole number from 1 to ${maxScryptLogN}`);
  }
  return { N: 2 ** logN, r: 8, p: 1, salt: randomBytes(16).toString('base64url') };
}

function isScryptParams(value: unknown): value is ScryptParams {
  const params = value as Partial<ScryptParams> | null;
  return (
    typeof params === 'object' &&
    params !== null &&
    Number.isInteger(params.N) &&
    (params.N as number) >= 2 &&
    (params.N as number) <= 2 ** maxScryptLogN &&
    ((params.N as number) & ((params.N as number) - 1)) === 0 &&
    params.r === 8 &&
    params.p === 1 &&
    typeof params.salt === 'string'
  );
}

/**
 * Derives a 256-bit key from `secret` (NFKC-normalised) with scrypt.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` for an empty secret or parameters out of
 * bounds (N a power of two up to 2^20, r = 8, p = 1).
 */
export async function deriveSealingKey(secret: string, params: ScryptParams): Promise<Buffer> {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new SkillproofError('CONFIGURATION_INVALID', 'the sealing secret is empty');
  }
  if (!isScryptParams(params)) {
    throw new SkillproofError('CONFIGURATION_INVALID', 'the scrypt parameters are out of bounds');
  }
  return new Promise((resolve, reject) => {
    scrypt(
      secret.normalize('NFKC'),
      Buffer.from(params.salt, 'base64url'),
      32,
      // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) refuses N = 2^17.
      {
        N: params.N,
        r: params.r,
        p: params.p,
        maxmem: 256 * params.N * params.r + 16 * 1024 * 1024,
      },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function encrypt(key: Buffer, plaintext: Buffer, purpose: string) {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** `undefined` when the tag does not check out (wrong key, wrong purpose, tampering). */
function decrypt(
  key: Buffer,
  sealed: { iv: Buffer; ciphertext: Buffer; tag: Buffer },
  purpose: string,
): Buffer | undefined {
  if (sealed.iv.length !== ivBytes || sealed.tag.length !== tagBytes) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

/**
 * A {@link Sealer} over a key from {@link deriveSealingKey}.
 *
 * @example
 * ```ts
 * const params = newScryptParams();
 * const sealer = createSealer(await deriveSealingKey(secret, params));
 * const sealed = sealer.seal(privateKeyHex, `private-key:${alias}`);
 * ```
 */
export function createSealer(key: Buffer): Sealer {
  const wrongSecret = () =>
    new SkillproofError('KEY_SECRET_INVALID', 'the secret does not open this key store');
  const sealer: Sealer = {
    seal(plaintext, purpose) {
      const { iv, ciphertext, tag } = encrypt(key, Buffer.from(plaintext, 'utf8'), purpose);
      return `v1.${Buffer.concat([iv, ciphertext, tag]).toString('base64url')}`;
    },
    open(sealed, purpose) {
      const bytes = sealed.startsWith('v1.')
        ? Buffer.from(sealed.slice(3), 'base64url')
        : undefined;
      if (!bytes || bytes.length < ivBytes + tagBytes) {
        throw new SkillproofError('KEY_SECRET_INVALID', 'a sealed key is damaged');
      }
      const plaintext = decrypt(
        key,
        {
          iv: bytes.subarray(0, ivBytes),
          ciphertext: bytes.subarray(ivBytes, bytes.length - tagBytes),
          tag: bytes.subarray(bytes.length - tagBytes),
        },
        purpose,
      );
      if (plaintext === undefined) throw wrongSecret();
      return plaintext.toString('utf8');
    },
    makeCheck: () => sealer.seal(keyCheckPlaintext, 'key-check'),
    assertCheck(check) {
      const opened = Buffer.from(sealer.open(check, 'key-check'));
      const expected = Buffer.from(keyCheckPlaintext);
      if (opened.length !== expected.length || !timingSafeEqual(opened, expected)) {
        throw wrongSecret();
      }
    },
  };
  return sealer;
}

/**
 * Seals `value` (as JSON) under `passphrase` for `purpose`, with fresh scrypt parameters.
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
  const params = newScryptParams(options.scryptLogN);
  const key = await deriveSealingKey(passphrase, params);
  try {
    const { iv, ciphertext, tag } = encrypt(
      key,
      Buffer.from(JSON.stringify(value), 'utf8'),
      purpose,
    );
    return {
      version: 1,
      kdf: { name: 'scrypt', ...params },
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64url'),
      ciphertext: ciphertext.toString('base64url'),
      tag: tag.toString('base64url'),
    };
  } finally {
    key.fill(0);
  }
}

function isSealedBox(value: unknown): value is SealedBox {
  if (typeof value !== 'object' || value === null) return false;
  const box = value as Partial<SealedBox>;
  return (
    (box.version === undefined || box.version === 1) &&
    box.kdf?.name === 'scrypt' &&
    isScryptParams(box.kdf) &&
    box.cipher === 'aes-256-gcm' &&
    typeof box.iv === 'string' &&
    typeof box.ciphertext === 'string' &&
    typeof box.tag === 'string'
  );
}

/**
 * Opens a {@link SealedBox} sealed for `purpose`.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase, another purpose or
 * tampered data (never an empty or garbled value); `CONFIGURATION_INVALID` when `box` is not a
 * sealed box at all.
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
  const key = await deriveSealingKey(passphrase, box.kdf);
  try {
    const plaintext = decrypt(
      key,
      {
        iv: Buffer.from(box.iv, 'base64url'),
        ciphertext: Buffer.from(box.ciphertext, 'base64url'),
        tag: Buffer.from(box.tag, 'base64url'),
      },
      purpose,
    );
    if (plaintext === undefined)
      throw new SkillproofError('KEY_SECRET_INVALID', 'wrong passphrase');
    try {
      return JSON.parse(plaintext.toString('utf8')) as unknown;
    } catch {
      throw new SkillproofError('KEY_SECRET_INVALID', 'wrong passphrase');
    }
  } finally {
    key.fill(0);
  }
}
