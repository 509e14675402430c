import type { StatusListResolver, VerifyCredentialResult } from '@skillproof/verifier';
import type { CredentialStatusRecord, StoredCredential, WalletStore } from './wallet-store.js';

/**
 * What a verification says of a badge's standing. A status list that can't be fetched is
 * `unknown`, not `valid`: the verifier fails closed and so does the wallet.
 *
 * @example
 * ```ts
 * statusFromVerification(await verifyCredential(jwt), new Date()).state; // 'valid'
 * ```
 */
export function statusFromVerification(
  result: VerifyCredentialResult,
  checkedAt: Date,
): CredentialStatusRecord {
  const record = (state: CredentialStatusRecord['state'], message: string | null) => ({
    state,
    checkedAt: checkedAt.toISOString(),
    message,
  });
  if (result.verified) return record('valid', null);
  const failed = (code: string) => result.errors.find((error) => error.code === code);
  const revoked = failed('STATUS_REVOKED');
  if (revoked) return record('revoked', revoked.message ?? null);
  const suspended = failed('STATUS_SUSPENDED');
  if (suspended) return record('suspended', suspended.message ?? null);
  const expired = failed('EXPIRED');
  if (expired) return record('expired', expired.message ?? null);
  const unavailable = failed('STATUS_UNAVAILABLE');
  if (unavailable && result.errors.every((error) => error.code === 'STATUS_UNAVAILABLE')) {
    return record('unknown', unavailable.message ?? null);
  }
  const first = result.errors[0];
  return record('invalid', first ? `${first.code ?? 'FAILED'}: ${first.message ?? ''}` : null);
}

/**
 * Verifies a stored badge with the verifier library now: signature, dates, issuer trusted (the
 * issuers this wallet knows), and revocation and suspension through the issuer's status lists.
 * Loads the verifier only when called, so commands that don't verify start fast.
 *
 * @example
 * ```ts
 * const result = await checkStoredCredential(store, entry, { now: () => new Date() });
 * ```
 */
export async function checkStoredCredential(
  store: WalletStore,
  entry: StoredCredential,
  options: { now: () => Date; statusLists?: StatusListResolver },
): Promise<VerifyCredentialResult> {
  const { verifyCredential } = await import('@skillproof/verifier');
  const trusted = store.issuers.map((issuer) => ({ did: issuer.did }));
  return verifyCredential(entry.jwt, {
    now: options.now,
    ...(trusted.length > 0 ? { trustedIssuers: trusted } : {}),
    ...(options.statusLists ? { statusLists: options.statusLists } : {}),
  });
}
