import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Options of {@link hashPassword}. */
export interface HashPasswordOptions {
  /**
   * log2 of scrypt's cost N. Default 15: N = 32,768, r = 8, p = 1, i.e. 32 MiB and some tens of
   * milliseconds per hash (OWASP's Password Storage Cheat Sheet lists N = 2^17 as the minimum
   * where memory allows; a sign-in server hashing concurrently settles lower). Tests lower it.
   */
  logN?: number;
}

const keyLength = 32;
const blockSize = 8;
const parallelization = 1;

function deriveKey(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function scryptOptions(logN: number): ScryptOptions {
  const N = 2 ** logN;
  // Node refuses anything above `maxmem` (32 MiB by default); scrypt needs 128 * N * r bytes.
  return { N, r: blockSize, p: parallelization, maxmem: 256 * N * blockSize };
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt. The result names its own parameters
 * (`scrypt$<logN>$<r>$<p>$<salt>$<key>`, base64url), so the cost can rise later without
 * invalidating stored hashes.
 *
 * @example
 * ```ts
 * const stored = await hashPassword('correct horse battery staple');
 * await verifyPassword('correct horse battery staple', stored); // true
 * ```
 */
export async function hashPassword(
  password: string,
  options: HashPasswordOptions = {},
): Promise<string> {
  const logN = options.logN ?? 15;
  if (!Number.isInteger(logN) || logN < 1 || logN > 20) {
    throw new TypeError('logN must be an integer from 1 to 20');
  }
  const salt = randomBytes(16);
  const key = await deriveKey(password, salt, scryptOptions(logN));
  return [
    'scrypt',
    logN,
    blockSize,
    parallelization,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/**
 * Whether `password` matches a hash made by {@link hashPassword}; compares in constant time. A
 * stored value that is not such a hash matches nothing.
 *
 * @example
 * ```ts
 * if (!(await verifyPassword(given, employer.passwordHash))) throw new SkillproofError('UNAUTHORIZED', '…');
 * ```
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = /^scrypt\$(\d{1,2})\$8\$1\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/.exec(stored);
  if (!match) return false;
  const logN = Number(match[1]);
  if (logN < 1 || logN > 20) return false;
  const expected = Buffer.from(match[3] as string, 'base64url');
  const key = await deriveKey(
    password,
    Buffer.from(match[2] as string, 'base64url'),
    scryptOptions(logN),
  );
  return timingSafeEqual(key, expected);
}
