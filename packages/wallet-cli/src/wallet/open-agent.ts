import {
  createSkillproofAgent,
  ensureIdentifier,
  type SkillproofAgent,
} from '@skillproof/core/agent';
import { isSkillproofError, SkillproofError } from '@skillproof/core';
import type { IIdentifier } from '@skillproof/core/agent';
import { learnerAlias, type WalletStore } from './wallet-store.js';

/** The learner's agent and identifier, unlocked with the passphrase. */
export interface UnlockedWallet {
  agent: SkillproofAgent;
  identifier: IIdentifier;
}

/**
 * Unlocks the wallet's keys (scrypt N = 2^17 by default) and returns the learner's identifier.
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase; `NOT_FOUND` before `init`.
 */
export async function unlockWallet(
  store: WalletStore,
  passphrase: string,
  options: { create?: boolean; scryptLogN?: number } = {},
): Promise<UnlockedWallet> {
  const agent = await createSkillproofAgent({
    db: store.db,
    keySecret: passphrase,
    ...(options.scryptLogN === undefined ? {} : { scryptLogN: options.scryptLogN }),
  }).catch((error: unknown) => {
    if (isSkillproofError(error) && error.code === 'KEY_SECRET_INVALID') {
      throw new SkillproofError(
        'KEY_SECRET_INVALID',
        'wrong passphrase: it does not open this wallet',
      );
    }
    throw error;
  });
  if (!options.create && !(await store.learnerDid())) {
    throw new SkillproofError('NOT_FOUND', 'this wallet has no DID yet; run `skillproof init`');
  }
  return { agent, identifier: await ensureIdentifier(agent, learnerAlias) };
}
