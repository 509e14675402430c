import type { IssuerContext } from '../domain/issuer-context.js';
import {
  credentialStatusEntries,
  type BitstringStatusListEntry,
} from './credential-status-entries.js';

/**
 * Hands `credentialId` a revocation and a suspension entry and returns its `credentialStatus`.
 * The allocation is committed before this resolves, that is before the credential is signed:
 * if the process dies before the credential is stored, the indexes are lost, never reused.
 *
 * @example
 * ```ts
 * const credentialStatus = await allocateCredentialStatus(ctx, 'urn:uuid:…');
 * ```
 */
export async function allocateCredentialStatus(
  ctx: Pick<IssuerContext, 'statusLists' | 'baseUrl' | 'now'>,
  credentialId: string,
): Promise<BitstringStatusListEntry[]> {
  const allocations = await ctx.statusLists.allocate(credentialId, ctx.now().toISOString());
  return credentialStatusEntries(ctx.baseUrl, allocations);
}
