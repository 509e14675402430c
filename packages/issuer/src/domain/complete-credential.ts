import type { CredentialRecord, IssuedCredentialRecord } from '../ports/issuer-store.js';
import type { IssuerContext } from './issuer-context.js';

/**
 * A stored credential, signed: a pending one (reserved with its status entries) is signed now
 * and its signature stored; a signed one is returned as it is. Safe to run twice, or in two
 * processes at once: the first signature stored is the one every caller gets.
 *
 * @example
 * ```ts
 * const issued = await completeCredential(ctx, await ctx.store.reserveCredential(credential));
 * ```
 */
export async function completeCredential(
  ctx: Pick<IssuerContext, 'store' | 'signer'>,
  record: CredentialRecord,
): Promise<IssuedCredentialRecord> {
  if (record.jwt !== null) return record;
  return ctx.store.completeCredential(record.id, await ctx.signer.sign(record.credential));
}
