import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The key secret kept in a data directory, and whether it was just created. */
export interface StoredKeySecret {
  secret: string;
  path: string;
  created: boolean;
}

/**
 * The secret in `<dataDir>/key-secret`, created (32 random bytes, base64url, mode 0600) if the
 * file does not exist. For development: in production the secret belongs outside the data it
 * protects (the service's `…_KEY_SECRET` setting, named by `settingName`).
 *
 * @example
 * ```ts
 * const { secret, created } = loadKeySecret('./.skillproof/issuer');
 * ```
 */
export function loadKeySecret(dataDir: string, settingName = 'ISSUER_KEY_SECRET'): StoredKeySecret {
  const path = join(dataDir, 'key-secret');
  const fresh = randomBytes(32).toString('base64url');
  try {
    // `wx`: never overwrite a secret another process wrote first.
    writeFileSync(path, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    return { secret: fresh, path, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret === '') throw new Error(`${path} is empty; delete it or set ${settingName}`);
  return { secret, path, created: false };
}
