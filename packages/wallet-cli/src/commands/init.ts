import { SkillproofError } from '@skillproof/core';
import { unlockWallet } from '../wallet/open-agent.js';
import { createWalletHome, walletExists } from '../wallet/wallet-home.js';
import { WalletStore } from '../wallet/wallet-store.js';
import { paint } from '../terminal/output.js';
import { printResult, readPassphrase, type CommandContext } from './command-context.js';

/**
 * `skillproof init`: creates the wallet, its did:key and the passphrase-encrypted key store.
 *
 * @throws SkillproofError `CONFLICT` when a wallet already exists (it is never overwritten).
 */
export async function initCommand(context: CommandContext): Promise<{ did: string; home: string }> {
  if (walletExists(context.home)) {
    throw new SkillproofError(
      'CONFLICT',
      `a wallet already exists in ${context.home}; it was left untouched`,
    );
  }
  const passphrase = await readPassphrase(context, { confirm: true });
  createWalletHome(context.home);
  const store = WalletStore.open(context.home, { create: true });
  try {
    const { identifier } = await unlockWallet(store, passphrase, {
      create: true,
      ...(context.scryptLogN === undefined ? {} : { scryptLogN: context.scryptLogN }),
    });
    const result = { did: identifier.did, home: context.home };
    printResult(context, result, () =>
      [
        `${paint(context.output, 'green', '✔')} wallet created in ${context.home}`,
        `  your DID: ${paint(context.output, 'cyan', identifier.did)}`,
      ].join('\n'),
    );
    return result;
  } finally {
    store.close();
  }
}
