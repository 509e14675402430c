import {
  encodeLogEntry,
  hashIssuedCredential,
  isJsonObject,
  parseCosignerKey,
  verifyCosignatures,
  type NoteVerifierKey,
  type TransparencyLogEntry,
} from '@skillproof/core';
import { didWebUrl } from '../did/did-web-url.js';
import type { CheckedCredential } from '../formats/checked-credential.js';
import type { ResolvedPolicy } from '../verification-policy.js';
import type { CheckLog } from '../verification-result.js';
import { logOrigin, logVerifierKeys } from './log-verifier-keys.js';
import type { ProvenLogEntry } from './transparency-log-resolver.js';
import { verifyLoggedEntry } from './verify-logged-entry.js';

/** What the status list said, as far as the checks learnt it. */
type ListedStatus = 'valid' | 'revoked' | 'suspended';

/**
 * Where the issuer's log is: a did:web issuer's own URL (did:web §3.2, without `did.json`), or
 * the `issuer.url` its credential names (a did:key issuer has no other address), which must then
 * be on a host the policy allows.
 */
function issuerLogUrl(
  issuer: string,
  credential: Record<string, unknown>,
  policy: ResolvedPolicy,
  log: CheckLog,
): string | undefined {
  const profile = credential['issuer'];
  const named =
    isJsonObject(profile) && typeof profile['url'] === 'string' ? profile['url'] : undefined;
  let namedUrl: URL | undefined;
  try {
    namedUrl = named === undefined ? undefined : new URL(named);
  } catch {
    namedUrl = undefined;
  }
  if (issuer.startsWith('did:web:')) {
    const location = didWebUrl(issuer);
    if (!location.ok) {
      log.fail('transparency', 'TRANSPARENCY_NOT_LOGGED', location.message);
      return undefined;
    }
    const own = new URL(location.url);
    // The credential's own URL, when it is on the DID's host (http on loopback in development).
    if (namedUrl && namedUrl.host === own.host) return namedUrl.href;
    return `${own.origin}${own.pathname.replace(/(\/\.well-known)?\/did\.json$/, '')}`;
  }
  if (!namedUrl) {
    log.fail(
      'transparency',
      'TRANSPARENCY_NOT_LOGGED',
      `the credential names no issuer URL to find its issuer's (${issuer.slice(0, 80)}) log at`,
    );
    return undefined;
  }
  if (policy.transparencyLogHosts === undefined) {
    log.warn('transparency log hosts are not restricted: the policy sets no transparencyLogHosts');
  } else if (!policy.transparencyLogHosts.some((host) => host.toLowerCase() === namedUrl.host)) {
    log.fail(
      'transparency',
      'TRANSPARENCY_HOST_NOT_ALLOWED',
      `the issuer's log at ${namedUrl.origin} was not fetched: its host ${namedUrl.host} is not in transparencyLogHosts`,
    );
    return undefined;
  }
  return namedUrl.href;
}

function encodedEntry(entry: unknown): Uint8Array | undefined {
  try {
    return encodeLogEntry(entry as TransparencyLogEntry);
  } catch {
    return undefined;
  }
}

/** The status list's word on the credential, from its `status.*` checks; `undefined` if unknown. */
function listedStatus(log: CheckLog, hasStatus: boolean): ListedStatus | undefined {
  if (!hasStatus) return 'valid';
  const statusChecks = log.checks.filter(
    (check) => check.id === 'status' || check.id.startsWith('status.'),
  );
  if (statusChecks.some((check) => check.code === 'STATUS_REVOKED')) return 'revoked';
  if (statusChecks.some((check) => check.code === 'STATUS_SUSPENDED')) return 'suspended';
  if (statusChecks.length > 0 && statusChecks.every((check) => check.ok)) return 'valid';
  return undefined;
}

function loggedStatus(entry: TransparencyLogEntry | undefined): ListedStatus {
  if (entry?.type !== 'status' || entry.status === 'reinstated') return 'valid';
  return entry.status;
}

/**
 * Whether the receipt's checkpoint carries the witness cosignatures `transparencyWitnesses`
 * requires (C2SP tlog-cosignature); fails the `transparency` check otherwise.
 */
function checkWitnesses(signedCheckpoint: string, policy: ResolvedPolicy, log: CheckLog): boolean {
  const { keys, required } = policy.transparencyWitnesses!;
  const witnesses = keys.map((vkey) => parseCosignerKey(vkey));
  if (witnesses.some((key) => key === undefined)) {
    log.fail(
      'transparency',
      'TRANSPARENCY_WITNESSES_MISSING',
      'the policy lists a witness key that is not a C2SP cosigner verifier key',
    );
    return false;
  }
  const cosigned = verifyCosignatures(signedCheckpoint, {
    witnesses: witnesses as NoteVerifierKey[],
    required,
    now: policy.now(),
  });
  if (!cosigned.verified) {
    log.fail(
      'transparency',
      cosigned.code === 'COSIGNATURES_TOO_FEW'
        ? 'TRANSPARENCY_WITNESSES_MISSING'
        : 'TRANSPARENCY_CHECKPOINT_INVALID',
      `the log's checkpoint: ${cosigned.message}`,
    );
    return false;
  }
  return true;
}

/**
 * The `transparency` and `transparency.status` checks (`requireTransparency`, issue 17): the
 * credential's receipt from its issuer's log must prove, to a checkpoint signed by a key the
 * issuer's DID document lists (`assertionMethod`), that the log holds its issuance entry — the
 * entry naming `hashIssuedCredential` of this very credential (RFC 9162 inclusion proof); and
 * the latest status entry about it, proven to the same checkpoint, must say what the status
 * list said (revoked, suspended, or neither). A log only proves what it holds: that no later
 * status entry exists is the issuer's word, which monitors can hold it to.
 */
export async function checkTransparency(
  checked: CheckedCredential & { issuer: string },
  policy: ResolvedPolicy,
  log: CheckLog,
): Promise<void> {
  const credential = checked.credential as Record<string, unknown> | undefined;
  if (!credential) return;
  const credentialId = credential['id'];
  if (typeof credentialId !== 'string') {
    log.fail(
      'transparency',
      'TRANSPARENCY_NOT_LOGGED',
      'the credential has no id to find its log receipt by',
    );
    return;
  }
  const issuerUrl = issuerLogUrl(checked.issuer, credential, policy, log);
  if (issuerUrl === undefined) return;
  const loaded = await policy.transparencyLogs.loadReceipt(issuerUrl, credentialId);
  if (!loaded.ok) {
    log.fail('transparency', loaded.code, loaded.message);
    return;
  }
  const { receipt } = loaded;
  const origin = logOrigin(issuerUrl);
  const keys = await logVerifierKeys(checked.issuer, origin, policy.didResolver);
  if (!keys.ok) {
    log.fail('transparency', 'TRANSPARENCY_CHECKPOINT_INVALID', keys.message);
    return;
  }
  const prove = (proven: ProvenLogEntry) => {
    const entry = encodedEntry(proven.entry);
    if (!entry)
      return { ok: false as const, failed: 'proof' as const, message: 'a malformed entry' };
    return verifyLoggedEntry({
      signedCheckpoint: receipt.checkpoint,
      origin,
      keys: keys.keys,
      leafIndex: proven.leafIndex,
      leafHash: proven.leafHash,
      entry,
      inclusionProof: proven.inclusionProof,
    });
  };
  const issuance = prove(receipt);
  if (!issuance.ok) {
    log.fail(
      'transparency',
      issuance.failed === 'checkpoint'
        ? 'TRANSPARENCY_CHECKPOINT_INVALID'
        : 'TRANSPARENCY_PROOF_INVALID',
      issuance.failed === 'checkpoint'
        ? `the log's checkpoint is not signed by a key of ${checked.issuer} for ${origin}: ${issuance.message}`
        : issuance.message,
    );
    return;
  }
  const credentialHash = hashIssuedCredential(checked.jwt ?? credential);
  if (issuance.entry.type !== 'issuance' || issuance.entry.credentialHash !== credentialHash) {
    log.fail(
      'transparency',
      'TRANSPARENCY_ENTRY_MISMATCH',
      `entry ${receipt.leafIndex} of the issuer's log is not this credential's issuance`,
    );
    return;
  }
  if (policy.transparencyWitnesses && !checkWitnesses(receipt.checkpoint, policy, log)) return;
  log.pass('transparency');
  let statusEntry: TransparencyLogEntry | undefined;
  if (receipt.status) {
    const status = prove(receipt.status);
    if (!status.ok) {
      log.fail(
        'transparency.status',
        'TRANSPARENCY_PROOF_INVALID',
        `the log's status entry for this credential: ${status.message}`,
      );
      return;
    }
    if (
      status.entry.type !== 'status' ||
      status.entry.credentialHash !== credentialHash ||
      receipt.status.leafIndex <= receipt.leafIndex
    ) {
      log.fail(
        'transparency.status',
        'TRANSPARENCY_ENTRY_MISMATCH',
        `entry ${receipt.status.leafIndex} of the issuer's log is not a later status change of this credential`,
      );
      return;
    }
    statusEntry = status.entry;
  }
  const listed = listedStatus(log, checked.credentialStatus !== undefined);
  const inLog = loggedStatus(statusEntry);
  if (listed === undefined) {
    log.warn(
      `the log says the credential is ${inLog}; the status list's word was not learnt to compare`,
    );
    return;
  }
  if (listed !== inLog) {
    log.fail(
      'transparency.status',
      'TRANSPARENCY_STATUS_MISMATCH',
      `the status list says ${listed}, but the issuer's log says ${inLog} (as of its signed tree of ${issuance.checkpoint.size})`,
    );
    return;
  }
  log.pass('transparency.status');
}
