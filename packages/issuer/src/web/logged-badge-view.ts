import { parseCheckpoint } from '@skillproof/core';
import { credentialReceipt, receiptUrl } from '../transparency/transparency-receipt.js';
import type { IssuerWebContext } from './web-context.js';

/** What a result page says of a collected badge's place in the transparency log. */
export interface LoggedBadgeView {
  /** `logged`: a signed checkpoint covers its entry; `pending`: not yet; `none`: no entry. */
  state: 'logged' | 'pending' | 'none';
  leafIndex?: number;
  /** The size of the signed tree that holds it. */
  treeSize?: number;
  /** The signed checkpoint (C2SP note), as `/log/checkpoint` served it. */
  checkpoint?: string;
  receiptUrl: string;
  logUrl: string;
}

/**
 * Where a collected credential stands in the issuer's transparency log, for its result page:
 * its entry's leaf index, the signed tree that covers it and that checkpoint, with links to its
 * receipt (`/log/receipts/<id>`) and the public log page. `undefined` when the issuer keeps no
 * log.
 *
 * @example
 * ```ts
 * const logged = await loggedBadgeView(web, 'urn:uuid:…'); // { state: 'logged', leafIndex: 12, … }
 * ```
 */
export async function loggedBadgeView(
  web: IssuerWebContext,
  credentialId: string,
): Promise<LoggedBadgeView | undefined> {
  const { transparency, baseUrl } = web.issuer;
  if (!transparency) return undefined;
  const links = { receiptUrl: receiptUrl(baseUrl, credentialId), logUrl: `${baseUrl}/log` };
  const receipt = await credentialReceipt(transparency, baseUrl, credentialId);
  if (!receipt) return { state: 'none', ...links };
  if (receipt.checkpoint === null) {
    return { state: 'pending', leafIndex: receipt.leafIndex, ...links };
  }
  const text = receipt.checkpoint.slice(0, receipt.checkpoint.indexOf('\n\n') + 1);
  const treeSize = parseCheckpoint(text)?.size;
  return {
    state: 'logged',
    leafIndex: receipt.leafIndex,
    ...(treeSize === undefined ? {} : { treeSize }),
    checkpoint: receipt.checkpoint,
    ...links,
  };
}
