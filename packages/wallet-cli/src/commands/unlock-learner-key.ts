import { withProgress } from '../terminal/output.js';
import { unlockKeystore } from '../wallet/keystore.js';
import type { LearnerKey } from '../wallet/learner-key.js';
import type { CommandContext } from './command-context.js';
import { readPassphrase } from './read-passphrase.js';

/**
 * Asks for the passphrase (see {@link readPassphrase}) and opens the learner's key, with a
 * spinner while scrypt works (N = 2^17 takes a noticeable moment).
 *
 * @throws SkillproofError `KEY_SECRET_INVALID` for a wrong passphrase.
 * @example
 * ```ts
 * const key = await unlockLearnerKey(context);
 * ```
 */
export async function unlockLearnerKey(
  context: CommandContext,
  passphrase?: string,
): Promise<LearnerKey> {
  const given = passphrase ?? (await readPassphrase(context));
  return withProgress(context.output, 'unlocking your key', () =>
    unlockKeystore(context.home, given),
  );
}
