import { createRequire } from 'node:module';
import jsonld from 'jsonld';
import type { JsonLdFailureCode } from './json-ld-failure-code.js';
import { ContextUnknownError } from './context-unknown-error.js';
import type { PinnedDocumentLoader } from './create-pinned-document-loader.js';
import { shareActiveContexts } from './share-active-contexts.js';

const require = createRequire(import.meta.url);

interface SharedCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}
type ContextResolverClass = new (options: { sharedCache: SharedCache }) => unknown;
interface RdfCanonize {
  canonize(dataset: unknown, options: { algorithm: 'RDFC-1.0'; format: string }): Promise<string>;
}

// jsonld keeps resolved contexts in one module-wide cache that any loader in the process can
// fill. Ours gets a private cache instead, so only our pinned loader decides what a context URL
// means here, and every verification after the first reuses the processed contexts.
const ContextResolver = require('jsonld/lib/ContextResolver.js') as ContextResolverClass;
const rdfCanonize = require('rdf-canonize') as RdfCanonize;
const resolvedContexts = new Map<string, unknown>();
// The pinned contexts hold 105 `@context` entries in all (an Open Badge resolves 28), so this
// bound only matters for a direct caller's inline contexts, which it keeps from growing forever.
const maxResolvedContexts = 1024;
const sharedCache: SharedCache = {
  get: (key) => resolvedContexts.get(key),
  set: (key, value) => {
    if (resolvedContexts.size >= maxResolvedContexts) resolvedContexts.clear();
    resolvedContexts.set(key, value);
  },
};

/** The outcome of canonicalizing a JSON-LD document. */
export type CanonizeRdfcResult =
  { ok: true; nquads: string } | { ok: false; code: JsonLdFailureCode; message: string };

interface JsonLdErrorShape {
  name?: unknown;
  message?: unknown;
  details?: {
    code?: unknown;
    term?: unknown;
    cause?: unknown;
    event?: { code?: unknown; details?: { property?: unknown; type?: unknown } };
  };
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    const shape = current as JsonLdErrorShape & { cause?: unknown };
    current = shape.details?.cause ?? shape.cause;
  }
  return chain;
}

/** Maps a jsonld or rdf-canonize failure to a check code; never rethrows. */
function failureOf(error: unknown): { ok: false; code: JsonLdFailureCode; message: string } {
  const unknownContext = causeChain(error).find((link) => link instanceof ContextUnknownError);
  if (unknownContext instanceof ContextUnknownError) {
    return { ok: false, code: 'CONTEXT_UNKNOWN', message: unknownContext.message };
  }
  if (error instanceof RangeError) {
    return { ok: false, code: 'TOO_LARGE', message: 'the document is nested too deeply' };
  }
  const shape = (typeof error === 'object' && error !== null ? error : {}) as JsonLdErrorShape;
  const jsonLdCode = typeof shape.details?.code === 'string' ? shape.details.code : undefined;
  if (shape.name === 'jsonld.ValidationError') {
    // JSON-LD safe mode: expansion would drop or mangle data instead of signing it, so the
    // signature would not cover what the JSON says (VC Data Integrity §2.5 "Securing data
    // losslessly"; jsonld `safeEventHandler`).
    const event = shape.details?.event;
    const term = event?.details?.property ?? event?.details?.type;
    return {
      ok: false,
      code: 'TERM_UNDEFINED',
      message: `JSON-LD safe mode refused the document (${String(event?.code ?? 'validation')})${
        typeof term === 'string'
          ? `: ${JSON.stringify(term.slice(0, 100))} is not defined by its contexts`
          : ''
      }`,
    };
  }
  if (jsonLdCode !== undefined) {
    const contextProblem = /context|term|keyword|IRI mapping|protected|@vocab|@base/i.test(
      jsonLdCode,
    );
    return {
      ok: false,
      code: contextProblem ? 'CONTEXT_INVALID' : 'PROOF_INVALID',
      message: `JSON-LD processing failed: ${jsonLdCode}${
        typeof shape.details?.term === 'string' ? ` (${shape.details.term.slice(0, 100)})` : ''
      }`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    code: 'PROOF_INVALID',
    message: `RDF canonicalization failed: ${message.slice(0, 200)}`,
  };
}

/**
 * The RDF Dataset Canonicalization (RDFC-1.0) of a JSON-LD document as N-Quads, expanded in
 * JSON-LD safe mode with the given loader. Never throws: failures come back with a check code
 * (`TERM_UNDEFINED` for a term safe mode refuses, `CONTEXT_UNKNOWN` for a context the loader does
 * not hold, `CONTEXT_INVALID` for a context jsonld rejects, `PROOF_INVALID` otherwise).
 *
 * @example
 * ```ts
 * const result = await canonizeRdfc(credentialWithoutProof, createPinnedDocumentLoader());
 * if (result.ok) console.log(result.nquads);
 * ```
 */
export async function canonizeRdfc(
  document: object,
  documentLoader: PinnedDocumentLoader,
): Promise<CanonizeRdfcResult> {
  try {
    const dataset = await jsonld.toRDF(
      document as jsonld.JsonLdDocument,
      {
        documentLoader,
        safe: true,
        // As jsonld.canonize sets them: no base IRI, so relative IRIs fail safe mode instead of
        // resolving against wherever the document came from; standard (not generalized) RDF.
        base: null,
        produceGeneralizedRdf: false,
        processingMode: shareActiveContexts(),
        contextResolver: new ContextResolver({ sharedCache }),
      } as unknown as jsonld.Options.ToRdf,
    );
    // RDFC-1.0 §4.4; rdf-canonize's default work limit refuses poison graphs (§4.2).
    const nquads = await rdfCanonize.canonize(dataset, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
    });
    return { ok: true, nquads };
  } catch (error) {
    return failureOf(error);
  }
}
