import { SkillproofError } from '@skillproof/core';
import type { IssuerLog } from '../../ports/issuer-log.js';
import { setCredentialStatus } from '../../status/set-credential-status.js';
import type { CredentialStatusRecord, StatusChange } from '../../ports/status-list-store.js';
import type { IssuerData } from '../open-issuer-data.js';

/** Which credentials a status command acts on: one by id, or every one of a learner's. */
export type CredentialSelector = { id: string } | { learner: string };

/** What the status commands work with. */
export interface StatusCommandDeps extends Pick<IssuerData, 'statusLists'> {
  now: () => Date;
  log: IssuerLog;
}

async function selectCredentials(
  deps: StatusCommandDeps,
  selector: CredentialSelector,
): Promise<CredentialStatusRecord[]> {
  if ('id' in selector) {
    const found = await deps.statusLists.listCredentialStatus({ credentialId: selector.id });
    if (found.length === 0) throw new SkillproofError('NOT_FOUND', `no credential ${selector.id}`);
    return found;
  }
  const found = await deps.statusLists.listCredentialStatus({ subjectDid: selector.learner });
  if (found.length === 0) {
    throw new SkillproofError('NOT_FOUND', `no credential was issued to ${selector.learner}`);
  }
  return found;
}

async function changeStatus(
  deps: StatusCommandDeps,
  selector: CredentialSelector,
  change: StatusChange,
): Promise<CredentialStatusRecord[]> {
  const credentials = await selectCredentials(deps, selector);
  const changed: CredentialStatusRecord[] = [];
  for (const credential of credentials) {
    // A learner's credentials issued before status lists existed can't be revoked: skip them
    // (they are listed without a status); one named by id is an error.
    if (!('id' in selector) && credential.revoked === null) continue;
    changed.push(await setCredentialStatus(deps, credential.credentialId, [change]));
  }
  return changed;
}

/**
 * `admin revoke --id <credentialId> | --learner <did>`: revokes for good (Bitstring Status
 * List §2.1: revocation is not reversible).
 *
 * @throws SkillproofError `NOT_FOUND` when nothing matches.
 * @example
 * ```ts
 * await revokeCommand(deps, { learner: 'did:key:z6Mk…' });
 * ```
 */
export function revokeCommand(
  deps: StatusCommandDeps,
  selector: CredentialSelector,
): Promise<CredentialStatusRecord[]> {
  return changeStatus(deps, selector, { purpose: 'revocation', status: true });
}

/**
 * `admin suspend --id <credentialId> | --learner <did>`: suspends until reinstated.
 *
 * @throws SkillproofError `NOT_FOUND` when nothing matches.
 * @example
 * ```ts
 * await suspendCommand(deps, { id: 'urn:uuid:…' });
 * ```
 */
export function suspendCommand(
  deps: StatusCommandDeps,
  selector: CredentialSelector,
): Promise<CredentialStatusRecord[]> {
  return changeStatus(deps, selector, { purpose: 'suspension', status: true });
}

/**
 * `admin reinstate --id <credentialId> | --learner <did>`: lifts a suspension.
 *
 * @throws SkillproofError `NOT_FOUND` when nothing matches.
 * @example
 * ```ts
 * await reinstateCommand(deps, { id: 'urn:uuid:…' });
 * ```
 */
export function reinstateCommand(
  deps: StatusCommandDeps,
  selector: CredentialSelector,
): Promise<CredentialStatusRecord[]> {
  return changeStatus(deps, selector, { purpose: 'suspension', status: false });
}
