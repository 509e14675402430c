import { rmSync } from 'node:fs';
import { writeKeystore } from './keystore.js';
import type { LearnerKey } from './learner-key.js';
import { createWalletHome, walletPaths } from './wallet-home.js';
import { WalletStore, type WalletData } from './wallet-store.js';

/**
 * Creates a wallet in `home` (0700): the key sealed under `passphrase` in `keys.json`, then
 * `wallet.json`. All or nothing: when the second write fails the key file is removed again, so
 * a failed `init` or `import` leaves no half wallet that later reads as damaged.
 *
 * @throws SkillproofError `CONFLICT` when `home` holds other files or a wallet.
 * @example
 * ```ts
 * const store = await createWallet(home, LearnerKey.generate(), passphrase, data);
 * ```
 */
export async function createWallet(
  home: string,
  key: LearnerKey,
  passphrase: string,
  data: WalletData,
  options: { scryptLogN?: number } = {},
): Promise<WalletStore> {
  createWalletHome(home);
  await writeKeystore(home, key, passphrase, options);
  try {
    return WalletStore.create(home, data);
  } catch (error) {
    rmSync(walletPaths(home).keys, { force: true });
    throw error;
  }
}
