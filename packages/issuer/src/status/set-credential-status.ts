import { SkillproofError } from '@skillproof/core';
import type { IssuerLog } from '../ports/issuer-log.js';
import type {
  CredentialStatusRecord,
  StatusChange,
  StatusListStore,
} from '../ports/status-list-store.js';

/** What {@link setCredentialStatus} works with: the service's context, or the admin command's. */
export interface SetCredentialStatusContext {
  statusLists: StatusListStore;
  now: () => Date;
  log: IssuerLog;
}

/**
 * Revokes, suspends or reinstates an issued credential: sets or clears its bits, and the
 * published status lists show it on their next read (they are re-signed on change).
 *
 * @throws SkillproofError `NOT_FOUND` for a credential this issuer did not issue; `CONFLICT`
 * (nothing changed) when it has no entry for a purpose (an Open Badge on VCDM 2.0 has no
 * suspension entry: it can only be revoked), or when asked to lift a revocation (Bitstring
 * Status List §2.1: revocation is not reversible; suspension is).
 * @example
 * ```ts
 * await setCredentialStatus(ctx, 'urn:uuid:…', [{ purpose: 'revocation', status: true }]);
 * ```
 */
export async function setCredentialStatus(
  ctx: SetCredentialStatusContext,
  credentialId: string,
  changes: readonly StatusChange[],
): Promise<CredentialStatusRecord> {
  const updated = await ctx.statusLists.setStatus(credentialId, changes, ctx.now().toISOString());
  if (!updated) throw new SkillproofError('NOT_FOUND', `no credential ${credentialId}`);
  ctx.log.info('credential status changed', {
    credentialId,
    revoked: updated.revoked,
    suspended: updated.suspended,
  });
  return updated;
}
