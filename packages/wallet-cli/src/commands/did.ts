import { SkillproofError } from '@skillproof/core';
import { WalletStore } from '../wallet/wallet-store.js';
import { printResult, type CommandContext } from './command-context.js';

/** `skillproof did`: prints the learner's DID (no passphrase needed: it is public). */
export async function didCommand(context: CommandContext): Promise<{ did: string }> {
  const store = WalletStore.open(context.home);
  try {
    const did = await store.learnerDid();
    if (!did)
      throw new SkillproofError('NOT_FOUND', 'this wallet has no DID yet; run `skillproof init`');
    printResult(context, { did }, () => did);
    return { did };
  } finally {
    store.close();
  }
}
