import { readFileSync } from 'node:fs';
import {
  isSkillproofError,
  openSealedJson,
  sealJson,
  SkillproofError,
  type SealedBox,
} from '@skillproof/core';
import { LearnerKey } from './learner-key.js';
import { restoreAdvice, walletPaths } from './wallet-home.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** `keys.json`: the learner's private key, sealed under the wallet passphrase. */
interface KeystoreFile {
  format: 'skillproof-keystore';
  version: 1;
  did: string;
  sealed: SealedBox;
}

// The DID is bound into the encryption (GCM associated data): a key file can't be swapped in.
const purposeFor = (did: string) => `skillproof-keystore v1 ${did}`;

/**
 * Seals `key` under `passphrase` into `keys.json`; never replaces an existing key file.
 *
 * @example
 * ```ts
 * await writeKeystore(home, LearnerKey.generate(), passphrase);
 * ```
 */
export async function writeKeystore(
  home: string,
  key: LearnerKey,
  passphrase: string,
  options: { scryptLogN?: number } = {},
): Promise<void> {
  const file: KeystoreFile = {
    format: 'skillproof-keystore',
    version: 1,
    did: key.did,
    sealed: await sealJson(key.exportJwkForSealing(), passphrase, purposeFor(key.did), options),
  };
  writeFileAtomic(walletPaths(home).keys, `${JSON.stringify(file, null, 2)}\n`, {
    exclusive: true,
  });
}

/**
 * Opens the learner's key with the passphrase (scrypt, then AES-256-GCM).
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase; `CONFIGURATION_INVALID`
 * when the key file is missing or damaged.
 *
 * @example
 * ```ts
 * const key = await unlockKeystore(home, 'correct horse battery');
 * ```
 */
export async function unlockKeystore(home: string, passphrase: string): Promise<LearnerKey> {
  const path = walletPaths(home).keys;
  let file: Partial<KeystoreFile> | undefined;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<KeystoreFile>;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `${path} is ${missing ? 'missing' : 'damaged'}; ${restoreAdvice(home)}`,
    );
  }
  if (file?.format !== 'skillproof-keystore' || typeof file.did !== 'string') {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `${path} is damaged; ${restoreAdvice(home)}`,
    );
  }
  let jwk: unknown;
  try {
    jwk = await openSealedJson(file.sealed, passphrase, purposeFor(file.did));
  } catch (error) {
    if (isSkillproofError(error) && error.code === 'KEY_SECRET_INVALID') {
      throw new SkillproofError(
        'KEY_SECRET_INVALID',
        'wrong passphrase: it does not open this wallet',
      );
    }
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `${path} is damaged; ${restoreAdvice(home)}`,
    );
  }
  const key = LearnerKey.fromJwk(jwk);
  if (key.did !== file.did) {
    throw new SkillproofError(
      'CONFIGURATION_INVALID',
      `${path} is damaged; ${restoreAdvice(home)}`,
    );
  }
  return key;
}
