import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';

/**
 * `skillproof did`: prints the learner's DID (no passphrase needed: it is public).
 *
 * @example
 * ```ts
 * const { did } = await didCommand(context);
 * ```
 */
export async function didCommand(context: CommandContext): Promise<{ did: string }> {
  const { did } = WalletStore.open(context.home);
  printResult(context, { did }, () => did);
  return { did };
}
