import type { JsonLdFailureCode } from './json-ld-failure-code.js';

/** Limits on the shape of a document before any JSON-LD processing. */
export interface DocumentShapeLimits {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most values (objects, arrays, scalars) in the whole document. */
  maxValues: number;
}

/** Generous for credentials and presentations (an Open Badge is about 6 deep, 200 values). */
export const defaultDocumentShapeLimits: DocumentShapeLimits = { maxDepth: 64, maxValues: 100_000 };

/** A reason to refuse a document before JSON-LD processing, or `undefined` when there is none. */
export type ContextProblem = { code: JsonLdFailureCode; message: string } | undefined;

/**
 * Checks every `@context` in a document, at any depth, before jsonld sees it: each must be a
 * URL the pinned loader serves (else `CONTEXT_UNKNOWN`). Inline (object) contexts and `null` are
 * refused (`CONTEXT_INVALID`): they could give a term in the signed RDF a meaning other than the
 * one a reader of the JSON assumes (OB 3.0.0 to 3.0.2 contexts are not `@protected`), and
 * nothing we issue or accept needs them. The walk is iterative and bounded (`TOO_LARGE`), so
 * hostile nesting cannot exhaust the stack here or in jsonld's recursive expansion.
 *
 * @example
 * ```ts
 * const problem = checkJsonLdContexts(credential, createPinnedDocumentLoader().urls);
 * if (problem) log.fail('context', problem.code, problem.message);
 * ```
 */
export function checkJsonLdContexts(
  document: Readonly<Record<string, unknown>>,
  pinnedUrls: ReadonlySet<string>,
  limits: DocumentShapeLimits = defaultDocumentShapeLimits,
): ContextProblem {
  if (!('@context' in document)) {
    return { code: 'CONTEXT_INVALID', message: 'the document has no @context' };
  }
  const pending: Array<{ value: unknown; depth: number }> = [{ value: document, depth: 0 }];
  let values = 0;
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number };
    if (++values > limits.maxValues) {
      return {
        code: 'TOO_LARGE',
        message: `the document has more than ${limits.maxValues} values`,
      };
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.maxDepth) {
      return {
        code: 'TOO_LARGE',
        message: `the document is nested more than ${limits.maxDepth} levels deep`,
      };
    }
    if (Array.isArray(value)) {
      for (const item of value) pending.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === '@context') {
        const problem = checkContextValue(child, pinnedUrls);
        if (problem) return problem;
        continue;
      }
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}

function checkContextValue(value: unknown, pinnedUrls: ReadonlySet<string>): ContextProblem {
  const entries = Array.isArray(value) ? value : [value];
  if (entries.length === 0) {
    return { code: 'CONTEXT_INVALID', message: 'an @context is empty' };
  }
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      return {
        code: 'CONTEXT_INVALID',
        message: 'inline (object or null) @context entries are not accepted, only pinned URLs',
      };
    }
    if (!pinnedUrls.has(entry)) {
      return {
        code: 'CONTEXT_UNKNOWN',
        message: `the JSON-LD context ${JSON.stringify(entry.slice(0, 200))} is not one we pin`,
      };
    }
  }
  return undefined;
}
