import { ContextUnknownError } from './context-unknown-error.js';
import { deepFreeze } from './deep-freeze.js';
import { loadPinnedContexts, type PinnedContext } from './load-pinned-contexts.js';

/** What a jsonld document loader returns (JSON-LD 1.1 API §9.4.3 RemoteDocument). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: Readonly<Record<string, unknown>>;
  /**
   * jsonld's hint that the document never changes, so its resolved form may be cached across
   * operations (jsonld `ContextResolver` caches only tagged documents).
   */
  tag: 'static';
}

/** A jsonld `documentLoader` that serves only pinned documents and never touches the network. */
export type PinnedDocumentLoader = ((url: string) => Promise<RemoteDocument>) & {
  /** The URLs it serves. */
  readonly urls: ReadonlySet<string>;
};

/** Options of {@link createPinnedDocumentLoader}. */
export interface PinnedDocumentLoaderOptions {
  /**
   * More documents to serve by URL, for tests and for deployments that pin extra contexts (for
   * example the VCDM examples context of the W3C test vectors). They are deep-frozen, not hashed.
   */
  extraDocuments?: Readonly<Record<string, Record<string, unknown>>>;
}

let pinned: Map<string, PinnedContext> | undefined;

/**
 * A jsonld document loader over the contexts pinned in `contexts/` (each checked against
 * `contexts/manifest.json` when first loaded). Documents are parsed once, shared and
 * deep-frozen; any other URL rejects with {@link ContextUnknownError} (check code
 * `CONTEXT_UNKNOWN`). It has no network code at all.
 *
 * @throws Error (synchronously, on first use) when a pinned file was altered.
 * @example
 * ```ts
 * const documentLoader = createPinnedDocumentLoader();
 * const { document } = await documentLoader('https://www.w3.org/ns/credentials/v2');
 * await documentLoader('https://example.com/ctx'); // rejects: ContextUnknownError
 * ```
 */
export function createPinnedDocumentLoader(
  options: PinnedDocumentLoaderOptions = {},
): PinnedDocumentLoader {
  pinned ??= loadPinnedContexts();
  const documents = new Map<string, RemoteDocument>();
  for (const [url, context] of pinned) {
    documents.set(url, {
      contextUrl: null,
      documentUrl: url,
      document: context.document,
      tag: 'static',
    });
  }
  for (const [url, document] of Object.entries(options.extraDocuments ?? {})) {
    documents.set(url, {
      contextUrl: null,
      documentUrl: url,
      document: deepFreeze(structuredClone(document)),
      tag: 'static',
    });
  }
  const loader = async (url: string): Promise<RemoteDocument> => {
    const remote = documents.get(url);
    if (remote === undefined) throw new ContextUnknownError(String(url));
    // A fresh envelope: jsonld may set properties on it; the document itself is frozen.
    return { ...remote };
  };
  return Object.assign(loader, { urls: new Set(documents.keys()) as ReadonlySet<string> });
}

let shared: PinnedDocumentLoader | undefined;

/**
 * The one loader of the pinned contexts alone, made on first use and shared: signing and
 * verifying with the defaults never build a loader per document.
 *
 * @example
 * ```ts
 * await canonizeRdfc(credential, pinnedDocumentLoader());
 * ```
 */
export function pinnedDocumentLoader(): PinnedDocumentLoader {
  shared ??= createPinnedDocumentLoader();
  return shared;
}
