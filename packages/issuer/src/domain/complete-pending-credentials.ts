import { completeCredential } from './complete-credential.js';
import type { IssuerContext } from './issuer-context.js';

/**
 * Signs every credential left pending by a crash between its reservation and its signature, so
 * that a grade and its credential, or a VC-API reservation and its credential, end up both
 * stored. `createIssuer` runs it at every start. One that can't be signed is logged and left
 * for the next start, never in the way of the others.
 *
 * @returns how many were signed.
 * @example
 * ```ts
 * await completePendingCredentials(ctx);
 * ```
 */
export async function completePendingCredentials(
  ctx: Pick<IssuerContext, 'store' | 'signer' | 'log'>,
): Promise<number> {
  let completed = 0;
  for (const pending of await ctx.store.listPendingCredentials()) {
    try {
      await completeCredential(ctx, pending);
      completed += 1;
    } catch (error) {
      ctx.log.error('a pending credential could not be signed', {
        credentialId: pending.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (completed > 0) ctx.log.info('pending credentials signed', { count: completed });
  return completed;
}
