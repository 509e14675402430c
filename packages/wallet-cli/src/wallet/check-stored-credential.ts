import {
  credentialStanding,
  verifyCredential,
  type StatusListResolver,
  type VerifyCredentialResult,
} from '@skillproof/verifier';
import type { CredentialStatusRecord, StoredCredential, WalletStore } from './wallet-store.js';

/**
 * What a verification says of a badge's standing, by the verifier's one mapping
 * (`credentialStanding`). A status list that can't be fetched is `unknown`, not `valid`: the
 * verifier fails closed and so does the wallet. The wallet has no `untrusted` state: a badge
 * from an issuer it does not know is `invalid`, and its message names the check that failed.
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
  const { standing, code, message } = credentialStanding(result);
  const record = (state: CredentialStatusRecord['state'], text: string | null) => ({
    state,
    checkedAt: checkedAt.toISOString(),
    message: text,
  });
  switch (standing) {
    case 'valid':
      return record('valid', null);
    case 'revoked':
    case 'suspended':
    case 'expired':
    case 'unknown':
      return record(standing, message ?? null);
    case 'untrusted':
    case 'invalid': {
      const failed = code !== undefined || message !== undefined;
      return record('invalid', failed ? `${code ?? 'FAILED'}: ${message ?? ''}` : null);
    }
  }
}

/**
 * Verifies a stored badge with the verifier library now: signature, dates, issuer trusted (the
 * issuers this wallet knows), and revocation and suspension through the issuer's status lists.
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
  const trusted = store.issuers.map((issuer) => ({ did: issuer.did }));
  return verifyCredential(entry.credential, {
    now: options.now,
    ...(trusted.length > 0 ? { trustedIssuers: trusted } : {}),
    ...(options.statusLists ? { statusLists: options.statusLists } : {}),
  });
}
