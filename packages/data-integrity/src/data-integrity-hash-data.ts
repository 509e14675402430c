import { createHash } from 'node:crypto';
import { canonizeRdfc, type CanonizeRdfcResult } from './canonize-rdfc.js';
import type { PinnedDocumentLoader } from './create-pinned-document-loader.js';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The bytes an `eddsa-rdfc-2022` (or `Ed25519Signature2020`) signature covers, W3C vc-di-eddsa
 * §3.3.4: SHA-256(RDFC-1.0(proof config)) ‖ SHA-256(RDFC-1.0(unsecured document)), both
 * canonicalized over the pinned contexts in safe mode. The same bytes whether signing or
 * verifying; a refusal says which of the two could not be canonicalized.
 *
 * @example
 * ```ts
 * const hashed = await dataIntegrityHashData(unsecured, proofConfig, createPinnedDocumentLoader());
 * if (hashed.ok) sign(null, hashed.hashData, privateKey);
 * ```
 */
export async function dataIntegrityHashData(
  unsecuredDocument: object,
  proofConfig: object,
  documentLoader: PinnedDocumentLoader,
): Promise<
  | { ok: true; hashData: Buffer }
  | (Extract<CanonizeRdfcResult, { ok: false }> & { part: 'proof' | 'document' })
> {
  const canonicalProof = await canonizeRdfc(proofConfig, documentLoader);
  if (!canonicalProof.ok) return { ...canonicalProof, part: 'proof' };
  const canonicalDocument = await canonizeRdfc(unsecuredDocument, documentLoader);
  if (!canonicalDocument.ok) return { ...canonicalDocument, part: 'document' };
  return {
    ok: true,
    hashData: Buffer.concat([sha256(canonicalProof.nquads), sha256(canonicalDocument.nquads)]),
  };
}
