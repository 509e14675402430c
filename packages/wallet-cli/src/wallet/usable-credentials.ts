import type { HeldCredential } from './select-credentials.js';
import type { CredentialStatusRecord, StoredCredential, WalletStore } from './wallet-store.js';

/** A badge's standing: a recorded check's state, `expired` by the clock, or `unchecked`. */
export type BadgeStatus = CredentialStatusRecord['state'] | 'unchecked';

/**
 * A badge's status now: expiry from the clock, the rest from the last recorded check.
 *
 * @example
 * ```ts
 * currentStatus(entry, new Date()); // 'valid'
 * ```
 */
export function currentStatus(entry: StoredCredential, now: Date): BadgeStatus {
  if (entry.expiresAt && Date.parse(entry.expiresAt) <= now.getTime()) return 'expired';
  return entry.status?.state ?? 'unchecked';
}

/**
 * The badges that can be shared: not expired, and not found revoked, suspended or invalid at
 * the last check.
 *
 * @example
 * ```ts
 * const held = usableCredentials(WalletStore.open(home), new Date());
 * ```
 */
export function usableCredentials(store: WalletStore, now: Date): HeldCredential[] {
  return store.credentials
    .filter((entry) => ['valid', 'unchecked', 'unknown'].includes(currentStatus(entry, now)))
    .map((entry) => ({ id: entry.id, jwt: entry.jwt, score: entry.score }));
}
