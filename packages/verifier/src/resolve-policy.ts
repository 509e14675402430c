import { createStatusListResolver } from './status/status-list-resolver.js';
import { createDidResolver } from './did/create-did-resolver.js';
import { createTransparencyLogResolver } from './transparency/transparency-log-resolver.js';
import type { ResolvedPolicy, VerificationPolicy } from './verification-policy.js';

const defaultClock = (): Date => new Date();
const defaultAlgorithms: readonly string[] = ['EdDSA'];
const noTransparencyLogs = {
  loadReceipt: () => Promise.reject(new Error('transparency is not required')),
};

/** Fills in the defaults of a {@link VerificationPolicy}. */
export function resolvePolicy(policy: VerificationPolicy = {}): ResolvedPolicy {
  // Every field spelt out rather than spread: a spread object costs microseconds per call on
  // the hot path, and this runs once per credential.
  return {
    now: policy.now ?? defaultClock,
    clockSkewSeconds: policy.clockSkewSeconds ?? 60,
    allowedAlgorithms: policy.allowedAlgorithms ?? defaultAlgorithms,
    trustedIssuers: policy.trustedIssuers,
    challenge: policy.challenge,
    domain: policy.domain,
    nonceStore: policy.nonceStore,
    maxPresentationAgeSeconds: policy.maxPresentationAgeSeconds ?? 300,
    requireCredentials: policy.requireCredentials ?? true,
    maxCredentials: policy.maxCredentials ?? 20,
    maxCredentialBytes: policy.maxCredentialBytes ?? 64 * 1024,
    maxPresentationBytes: policy.maxPresentationBytes ?? 512 * 1024,
    checkStatus: policy.checkStatus ?? true,
    statusLists: policy.statusLists ?? createStatusListResolver(),
    didResolver: policy.didResolver ?? createDidResolver(),
    // Unset stays unset: status list hosts are then unrestricted, and the status check warns.
    statusListHosts: policy.statusListHosts,
    requireTransparency: policy.requireTransparency ?? false,
    // Built only when asked for: most verifications never read a log.
    transparencyLogs:
      policy.transparencyLogs ??
      (policy.requireTransparency ? createTransparencyLogResolver() : noTransparencyLogs),
    transparencyLogHosts: policy.transparencyLogHosts,
    transparencyWitnesses: policy.transparencyWitnesses,
  };
}
