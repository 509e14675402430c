export {
  checkDataIntegrityProof,
  type CheckDataIntegrityProofOptions,
  type CheckDataIntegrityProofResult,
  type ProofPurpose,
  type ResolvedProofKey,
} from './check-data-integrity-proof.js';
export {
  createPinnedDocumentLoader,
  type PinnedDocumentLoader,
  type PinnedDocumentLoaderOptions,
  type RemoteDocument,
} from './create-pinned-document-loader.js';
export { ContextUnknownError } from './context-unknown-error.js';
export { canonizeRdfc, type CanonizeRdfcResult } from './canonize-rdfc.js';
export { resolveDidKeyProofKey } from './resolve-did-key-proof-key.js';
export { CheckLog } from '../verification-result.js';
