import { statusBitAt } from '@skillproof/core';
import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';
import { isStatusListHostAllowed } from './is-status-list-host-allowed.js';
import { readStatusEntries, type StatusListEntry } from './status-list-entry.js';
import type { StatusListLoad } from './status-list-resolver.js';

function checkEntry(
  entry: StatusListEntry,
  loaded: StatusListLoad,
  issuer: string,
  log: CheckLog,
): void {
  const id = `status.${entry.statusPurpose}`;
  if (!loaded.ok) {
    log.fail(id, loaded.code, loaded.message);
    return;
  }
  const { list } = loaded;
  // A list only speaks for credentials of the DID that signed it.
  if (list.issuer !== issuer) {
    log.fail(
      id,
      'STATUS_LIST_ISSUER_MISMATCH',
      `status list ${list.url} is signed by ${list.issuer}, not by the credential's issuer ${issuer}`,
    );
    return;
  }
  if (!list.purposes.includes(entry.statusPurpose)) {
    log.fail(
      id,
      'STATUS_LIST_INVALID',
      `status list ${list.url} is for ${list.purposes.join(', ')}, not ${entry.statusPurpose}`,
    );
    return;
  }
  if (entry.statusListIndex >= list.entries) {
    log.fail(
      id,
      'STATUS_ENTRY_INVALID',
      `statusListIndex ${entry.statusListIndex} is beyond the ${list.entries} entries of ${list.url}`,
    );
    return;
  }
  if (!statusBitAt(list.bits, entry.statusListIndex)) {
    log.pass(id);
  } else if (entry.statusPurpose === 'revocation') {
    log.fail(id, 'STATUS_REVOKED', 'the issuer has revoked this credential');
  } else {
    log.fail(id, 'STATUS_SUSPENDED', 'the issuer has suspended this credential');
  }
}

/**
 * The `status.<purpose>` checks (W3C Bitstring Status List v1.0): each `credentialStatus` entry's
 * list must be on a host the policy allows (`statusListHosts`, trusted did:web issuers' hosts),
 * is loaded through `policy.statusLists` (verified, cached), must be signed by the credential's
 * `issuer`, serve the entry's purpose and hold its index; a set bit means revoked or suspended.
 * Anything that can't be checked fails: verification fails closed.
 */
export async function checkCredentialStatus(
  credentialStatus: unknown,
  issuer: string,
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<void> {
  if (!policy.checkStatus) {
    log.warn('credential status was not checked: status checking is off');
    return;
  }
  const read = readStatusEntries(credentialStatus);
  if ('problem' in read) {
    log.fail('status', read.problem.code, read.problem.message);
    return;
  }
  // The host is checked before anything is fetched: a credential names its status list URL, and
  // without this it could make the verifier send requests wherever it likes.
  const allowed = read.entries.map((entry) =>
    isStatusListHostAllowed(entry.statusListCredential, policy),
  );
  if (allowed.includes(undefined)) {
    log.warn('status list hosts are not restricted: the policy sets no statusListHosts');
  }
  const loads = await Promise.all(
    read.entries.map((entry, index) =>
      allowed[index] === false
        ? undefined
        : policy.statusLists.load(entry.statusListCredential, policy),
    ),
  );
  read.entries.forEach((entry, index) => {
    const loaded = loads[index];
    if (loaded === undefined) {
      const { host } = new URL(entry.statusListCredential);
      log.fail(
        `status.${entry.statusPurpose}`,
        'STATUS_HOST_NOT_ALLOWED',
        `status list ${entry.statusListCredential} was not fetched: its host ${host} is neither in statusListHosts nor the host of a trusted did:web issuer`,
      );
      return;
    }
    checkEntry(entry, loaded, issuer, log);
  });
}
