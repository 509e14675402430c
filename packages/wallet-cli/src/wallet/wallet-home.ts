import { mkdirSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the wallet lives: `SKILLPROOF_HOME`, else `~/.skillproof`. */
export function resolveWalletHome(env: NodeJS.ProcessEnv): string {
  const configured = env['SKILLPROOF_HOME'];
  return configured && configured.length > 0 ? resolve(configured) : join(homedir(), '.skillproof');
}

/** The wallet database file in `home`. */
export function walletDatabasePath(home: string): string {
  return join(home, 'wallet.db');
}

/** True when a wallet has been initialised in `home`. */
export function walletExists(home: string): boolean {
  return existsSync(walletDatabasePath(home));
}

/** Creates `home` readable by its owner only. */
export function createWalletHome(home: string): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
}
