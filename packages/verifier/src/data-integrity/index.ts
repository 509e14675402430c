export {
  checkDataIntegrityProof,
  type CheckDataIntegrityProofOptions,
  type CheckDataIntegrityProofResult,
  type ProofPurpose,
  type ResolvedProofKey,
} from './check-data-integrity-proof.js';
// The JSON-LD half lives in @skillproof/data-integrity (the issuer signs with it too).
export {
  canonizeRdfc,
  ContextUnknownError,
  createPinnedDocumentLoader,
  type CanonizeRdfcResult,
  type PinnedDocumentLoader,
  type PinnedDocumentLoaderOptions,
  type RemoteDocument,
} from '@skillproof/data-integrity';
export { resolveDidKeyProofKey } from './resolve-did-key-proof-key.js';
export { CheckLog } from '../verification-result.js';
