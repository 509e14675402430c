import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { SkillproofError } from '@skillproof/core';

/** scrypt parameters; stored beside the data they protect so they can be raised later. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  salt: string;
}

/** Default cost: N = 2^17 (128 MiB, ~0.3 s here), the floor OWASP gives for scrypt. */
export const defaultScryptLogN = 17;

const keyCheckPlaintext = 'skillproof key check v1';

/** Derives a 256-bit key from a secret with scrypt. */
export async function deriveKey(secret: string, params: ScryptParams): Promise<Buffer> {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new SkillproofError('CONFIGURATION_INVALID', 'the key encryption secret is empty');
  }
  return new Promise((resolve, reject) => {
    scrypt(
      secret.normalize('NFKC'),
      Buffer.from(params.salt, 'base64url'),
      32,
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

/** Fresh scrypt parameters with a random salt. */
export function newScryptParams(logN = defaultScryptLogN): ScryptParams {
  return { N: 2 ** logN, r: 8, p: 1, salt: randomBytes(16).toString('base64url') };
}

/**
 * Seals and opens small secrets with AES-256-GCM. The associated data binds each sealed value
 * to its name, so a sealed key can't be moved under another alias. Opening with the wrong key
 * throws (GCM's tag fails): never an empty result.
 */
export class KeySealer {
  constructor(private readonly key: Buffer) {}

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  open(sealed: string, associatedData: string): string {
    const bytes = sealed.startsWith('v1.') ? Buffer.from(sealed.slice(3), 'base64url') : undefined;
    if (!bytes || bytes.length < 12 + 16) {
      throw new SkillproofError('KEY_SECRET_INVALID', 'a sealed key is damaged');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(12, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SkillproofError('KEY_SECRET_INVALID', 'the secret does not open this key store');
    }
  }

  /** A value that proves, on the next open, that the same secret is in use. */
  makeCheck(): string {
    return this.seal(keyCheckPlaintext, 'key-check');
  }

  /** @throws SkillproofError `KEY_SECRET_INVALID` when the check was sealed with another key. */
  assertCheck(check: string): void {
    const opened = Buffer.from(this.open(check, 'key-check'));
    const expected = Buffer.from(keyCheckPlaintext);
    if (opened.length !== expected.length || !timingSafeEqual(opened, expected)) {
      throw new SkillproofError('KEY_SECRET_INVALID', 'the secret does not open this key store');
    }
  }
}
