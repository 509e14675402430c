import { isJsonObject } from '@skillproof/core';

/**
 * What an issuer hands over to show a credential was logged (its `transparencyReceipt`, or
 * `transparency_receipt` in an OpenID4VCI credential response): the leaf, and once a checkpoint
 * covers it, that signed checkpoint and the RFC 9162 §2.1.3 inclusion proof to it (hashes in
 * standard base64). `url` serves the complete receipt later.
 */
export interface TransparencyReceipt {
  leafIndex: number;
  leafHash: string;
  checkpoint: string | null;
  inclusionProof: string[] | null;
  url: string;
}

/**
 * A receipt as a service sent it, in its shape; `undefined` for anything else (it is then not
 * kept: a badge without a receipt is shown as not logged).
 *
 * @example
 * ```ts
 * const receipt = readTransparencyReceipt(graded.transparencyReceipt);
 * ```
 */
export function readTransparencyReceipt(value: unknown): TransparencyReceipt | undefined {
  if (!isJsonObject(value)) return undefined;
  const { leafIndex, leafHash, checkpoint, inclusionProof, url } = value;
  if (typeof leafIndex !== 'number' || !Number.isSafeInteger(leafIndex) || leafIndex < 0) {
    return undefined;
  }
  if (typeof leafHash !== 'string' || typeof url !== 'string' || url.length > 2048) {
    return undefined;
  }
  if (checkpoint !== null && typeof checkpoint !== 'string') return undefined;
  const proof =
    inclusionProof === null
      ? null
      : Array.isArray(inclusionProof) && inclusionProof.every((hash) => typeof hash === 'string')
        ? (inclusionProof as string[])
        : undefined;
  if (proof === undefined || (checkpoint === null) !== (proof === null)) return undefined;
  return { leafIndex, leafHash, checkpoint, inclusionProof: proof, url };
}
