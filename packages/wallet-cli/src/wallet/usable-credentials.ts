import type { HeldCredentialForm } from './credential-summary.js';
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
 * Whether a badge can go into the wallet's presentations: a VCDM 1.1 JWT (`jwt_vc_json`, in a
 * JWT presentation) or a Data Integrity document (`ldp_vc`, in a Data Integrity presentation).
 * `vc+jwt` badges are held, listed, shown and verified, but not presented: DCQL 1.0 has no
 * format for them.
 *
 * @example
 * ```ts
 * isPresentable(entry); // true for a jwt_vc_json or ldp_vc badge
 * ```
 */
export function isPresentable(entry: StoredCredential): boolean {
  return entry.format === 'jwt_vc_json' || entry.format === 'ldp_vc';
}

/** A badge that can be shared, as the wallet's local job matching reads it. */
export interface UsableCredential {
  id: string;
  /** The compact JWS of a `jwt_vc_json` badge or the document of an `ldp_vc` badge. */
  credential: HeldCredentialForm;
  score: number | null;
}

/**
 * The badges that can be shared: in a format the wallet presents ({@link isPresentable}), not
 * expired, and not found revoked, suspended or invalid at the last check.
 *
 * @example
 * ```ts
 * const held = usableCredentials(WalletStore.open(home), new Date());
 * ```
 */
export function usableCredentials(store: WalletStore, now: Date): UsableCredential[] {
  return store.credentials
    .filter((entry) => ['valid', 'unchecked', 'unknown'].includes(currentStatus(entry, now)))
    .flatMap((entry) =>
      isPresentable(entry)
        ? [{ id: entry.id, credential: entry.credential, score: entry.score }]
        : [],
    );
}

/**
 * A sentence naming the badges left out of presentations for their format, or undefined when
 * none is.
 *
 * @example
 * ```ts
 * notPresentableNote(store); // 'left out: 1 badge in a format this wallet can't present yet (…)'
 * ```
 */
export function notPresentableNote(store: WalletStore): string | undefined {
  const left = store.credentials.filter((entry) => !isPresentable(entry));
  if (left.length === 0) return undefined;
  const names = left.map((entry) => `${entry.name ?? entry.id} (${entry.format})`).join(', ');
  return `left out: ${left.length} ${left.length === 1 ? 'badge' : 'badges'} in a format this wallet can't present yet (jwt_vc_json and ldp_vc are presented): ${names}`;
}
