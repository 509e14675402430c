import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readConfig, SkillproofError, type Environment } from '@skillproof/core';

/**
 * Where the wallet lives: `SKILLPROOF_HOME` (a relative one from the folder the command was run
 * from), else `~/.skillproof`.
 *
 * @example
 * ```ts
 * resolveWalletHome({ SKILLPROOF_HOME: '/tmp/w' }); // '/tmp/w'
 * ```
 */
export function resolveWalletHome(env: Environment): string {
  return readConfig(env).path('SKILLPROOF_HOME', join(homedir(), '.skillproof'));
}

/**
 * The wallet's files: public data, the sealed key, the lock taken while writing.
 *
 * @example
 * ```ts
 * walletPaths('/home/me/.skillproof').keys; // '/home/me/.skillproof/keys.json'
 * ```
 */
export function walletPaths(home: string): { data: string; keys: string; lock: string } {
  return {
    data: join(home, 'wallet.json'),
    keys: join(home, 'keys.json'),
    lock: join(home, 'wallet.lock'),
  };
}

/**
 * True when anything of a wallet (its data or its key) is in `home`.
 *
 * @example
 * ```ts
 * if (walletExists(home)) throw new SkillproofError('CONFLICT', '…');
 * ```
 */
export function walletExists(home: string): boolean {
  const paths = walletPaths(home);
  return existsSync(paths.data) || existsSync(paths.keys);
}

/**
 * Creates `home` readable by its owner only (0700). An existing empty folder is tightened to
 * 0700; one holding other files is refused, so a wallet never lands among unrelated files.
 *
 * @throws SkillproofError `CONFLICT` when `home` exists and is not empty.
 * @example
 * ```ts
 * createWalletHome('/home/me/.skillproof');
 * ```
 */
export function createWalletHome(home: string): void {
  if (existsSync(home)) {
    if (!statSync(home).isDirectory()) {
      throw new SkillproofError(
        'CONFLICT',
        `${home} is a file, not a folder; choose a folder (SKILLPROOF_HOME) for the wallet`,
      );
    }
    if (readdirSync(home).length > 0) {
      throw new SkillproofError(
        'CONFLICT',
        `${home} exists and is not empty; choose an empty folder (SKILLPROOF_HOME) for the wallet`,
      );
    }
    chmodSync(home, 0o700);
    return;
  }
  mkdirSync(home, { recursive: true, mode: 0o700 });
  chmodSync(home, 0o700);
}

/**
 * The one line that tells someone with a damaged wallet how to get it back.
 *
 * @example
 * ```ts
 * `${path} is damaged; ${restoreAdvice(home)}`;
 * ```
 */
export function restoreAdvice(home: string): string {
  return `it was left untouched. To restore from a backup: move ${home} aside, then run \`skillproof import <backup file>\``;
}
