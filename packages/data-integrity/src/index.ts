export { canonizeRdfc, type CanonizeRdfcResult } from './canonize-rdfc.js';
export {
  checkJsonLdContexts,
  defaultDocumentShapeLimits,
  type ContextProblem,
  type DocumentShapeLimits,
} from './check-json-ld-contexts.js';
export { ContextUnknownError } from './context-unknown-error.js';
export {
  createPinnedDocumentLoader,
  pinnedDocumentLoader,
  type PinnedDocumentLoader,
  type PinnedDocumentLoaderOptions,
  type RemoteDocument,
} from './create-pinned-document-loader.js';
export { dataIntegrityHashData } from './data-integrity-hash-data.js';
export type { JsonLdFailureCode } from './json-ld-failure-code.js';
export {
  loadPinnedContexts,
  type PinnedContext,
  type PinnedContextEntry,
} from './load-pinned-contexts.js';
