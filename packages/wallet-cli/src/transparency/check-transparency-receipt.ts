import { hashIssuedCredential, isSkillproofError, verifyCheckpoint } from '@skillproof/core';
import { verifyLoggedEntry } from '@skillproof/verifier';
import { fetchLogEntries } from '../net/log-client.js';
import { requestJson, type FetchLike } from '../net/request-json.js';
import { printable } from '../terminal/output.js';
import type { StoredCredential } from '../wallet/wallet-store.js';
import { logOrigin, logVerifierKeys } from './log-verifier-keys.js';
import { readTransparencyReceipt, type TransparencyReceipt } from './transparency-receipt.js';

/**
 * Whether a badge is in its issuer's transparency log: `logged` (the receipt verified),
 * `pending` (logged, no checkpoint covers it yet), `not-logged` (no receipt), `invalid` (the
 * receipt does not prove it; `message` says why), `unchecked` (the log could not be reached).
 */
export interface ReceiptCheck {
  state: 'logged' | 'pending' | 'not-logged' | 'invalid' | 'unchecked';
  message: string | null;
  leafIndex?: number;
  /** The size of the signed tree the badge was proven in. */
  checkpointSize?: number;
}

/** Options of {@link checkTransparencyReceipt}. */
export interface CheckReceiptOptions {
  fetch: FetchLike;
  now: () => Date;
}

function invalid(message: string): ReceiptCheck {
  return { state: 'invalid', message };
}

/**
 * Checks a stored badge's receipt: the signed checkpoint by the badge's issuer's key (origin
 * its URL + `/log`), the leaf hash's inclusion proof to that checkpoint's root (RFC 9162
 * §2.1.3.2), and that the leaf is the badge's own issuance entry (its entry, fetched from the
 * log's entry bundle, hashes to the leaf and names `hashIssuedCredential` of the badge). A
 * receipt without a checkpoint is completed from its `url` first; the completed one is returned
 * as `receipt` for the caller to keep.
 *
 * @example
 * ```ts
 * const { check, receipt } = await checkTransparencyReceipt(entry, { fetch, now });
 * ```
 */
export async function checkTransparencyReceipt(
  entry: StoredCredential,
  options: CheckReceiptOptions,
): Promise<{ check: ReceiptCheck; receipt?: TransparencyReceipt }> {
  let receipt = entry.transparencyReceipt;
  if (!receipt) return { check: { state: 'not-logged', message: null } };
  if (entry.issuerUrl === null) return { check: invalid('the wallet does not know its issuer') };
  const issuerUrl = entry.issuerUrl;
  let completed: TransparencyReceipt | undefined;
  try {
    if (receipt.checkpoint === null) {
      // Only the issuer's own log is asked: a receipt can't send the wallet elsewhere.
      if (!receipt.url.startsWith(`${issuerUrl}/log/receipts/`)) {
        return { check: invalid(`its url ${printable(receipt.url)} is not on the issuer's log`) };
      }
      const fetched = readTransparencyReceipt(await requestJson(options.fetch, receipt.url));
      if (!fetched) return { check: invalid(`${printable(receipt.url)} sent no receipt`) };
      if (fetched.checkpoint === null) {
        return {
          check: {
            state: 'pending',
            message: 'logged; no signed checkpoint covers it yet',
            leafIndex: fetched.leafIndex,
          },
        };
      }
      receipt = completed = fetched;
    }
    const check = await verifyReceipt(entry, receipt, issuerUrl, options);
    return { check, ...(completed && check.state === 'logged' ? { receipt: completed } : {}) };
  } catch (error) {
    if (!isSkillproofError(error)) throw error;
    return { check: { state: 'unchecked', message: error.message } };
  }
}

async function verifyReceipt(
  entry: StoredCredential,
  receipt: TransparencyReceipt,
  issuerUrl: string,
  options: CheckReceiptOptions,
): Promise<ReceiptCheck> {
  const origin = logOrigin(issuerUrl);
  const keys = await logVerifierKeys(entry.issuerDid, {
    origin,
    now: options.now,
    allowHttpLoopback: new URL(issuerUrl).protocol === 'http:',
  });
  // The signature first: nothing more is fetched for a checkpoint the issuer did not sign.
  const signed = verifyCheckpoint(receipt.checkpoint ?? '', { origin, keys });
  if (!signed.verified) {
    return invalid(
      `its checkpoint is not signed by the issuer ${entry.issuerDid} (${signed.message})`,
    );
  }
  const [bytes] = await fetchLogEntries(options.fetch, issuerUrl, {
    from: receipt.leafIndex,
    to: receipt.leafIndex + 1,
    size: signed.checkpoint.size,
  });
  // The verifier's receipt check: the entry as the receipt's leaf, its inclusion proof to the
  // checkpoint's root.
  const checked = verifyLoggedEntry({
    signedCheckpoint: receipt.checkpoint ?? '',
    origin,
    keys,
    leafIndex: receipt.leafIndex,
    entry: bytes ?? new Uint8Array(),
    leafHash: receipt.leafHash,
    inclusionProof: receipt.inclusionProof ?? [],
  });
  if (!checked.ok) return invalid(checked.message);
  const logged = checked.entry;
  if (
    logged.type !== 'issuance' ||
    logged.credentialHash !== hashIssuedCredential(entry.credential)
  ) {
    return invalid(`entry ${receipt.leafIndex} of the log is not this badge's issuance`);
  }
  const size = checked.checkpoint.size;
  return { state: 'logged', message: null, leafIndex: receipt.leafIndex, checkpointSize: size };
}
