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
  if ('id' in selector) {
    // One named by id without an entry for the purpose is a 409 (from the store).
    return [await setCredentialStatus(deps, selector.id, [change])];
  }
  // A learner's credentials without an entry for the purpose are skipped: those issued before
  // status lists existed (listed without a status), and Open Badges on VCDM 2.0 for suspension
  // (they carry a revocation entry alone). The ones changed are listed.
  const changeable = credentials.filter(
    (credential) =>
      (change.purpose === 'revocation' ? credential.revoked : credential.suspended) !== null,
  );
  if (changeable.length === 0) {
    throw new SkillproofError(
      'CONFLICT',
      change.purpose === 'suspension'
        ? `none of the credentials of ${selector.learner} has a suspension status entry (an Open Badge on VCDM 2.0 can only be revoked)`
        : `none of the credentials of ${selector.learner} has a revocation status entry`,
    );
  }
  const changed: CredentialStatusRecord[] = [];
  for (const credential of changeable) {
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
 * `admin suspend --id <credentialId> | --learner <did>`: suspends until reinstated. A learner's
 * credentials that can only be revoked (Open Badges on VCDM 2.0) are left as they are.
 *
 * @throws SkillproofError `NOT_FOUND` when nothing matches; `CONFLICT` (nothing changed) for a
 * credential, or a learner's credentials, without a suspension entry: it can only be revoked.
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
 * @throws SkillproofError `NOT_FOUND` when nothing matches; `CONFLICT` for a credential, or a
 * learner's credentials, without a suspension entry.
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
