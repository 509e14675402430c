import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The parts of a jsonld 9 active context (`lib/context.js`) this module touches. */
interface ActiveContext {
  mappings: Map<string, unknown>;
  protected: Record<string, boolean>;
  previousContext?: ActiveContext;
  inverse: unknown;
  clone(this: ActiveContext): ActiveContext;
  getInverse: unknown;
  revertToPreviousContext(this: ActiveContext): ActiveContext;
  '@base'?: unknown;
  '@language'?: unknown;
  '@vocab'?: unknown;
  [shared]?: true;
}

const shared = Symbol('skillproof.sharedActiveContexts');
const contextApi = require('jsonld/lib/context.js') as {
  getInitialContext(options: { processingMode?: string }): ActiveContext;
};

// jsonld 9 copies the whole active context, every term definition deep-cloned, each time it
// enters a node under a type-scoped context (`revertToPreviousContext`, and `clone` before a
// non-propagating context), and the copy defeats its own processed-context cache, which is keyed
// by identity. For an Open Badge that is most of the verification time. Term definitions are never
// changed once made (`createTermDefinition` builds a fresh one and replaces it in the map), and
// previous contexts are never changed at all, so copying the map shallowly and sharing the
// previous context computes the same thing: the agreement tests canonicalize every fixture both
// ways and compare.
function cloneSharing(this: ActiveContext): ActiveContext {
  const child: ActiveContext = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
    revertToPreviousContext: this.revertToPreviousContext,
  };
  // The same fields, and only those, that jsonld's `_cloneActiveContext` carries over.
  if (this.previousContext) child.previousContext = this.previousContext;
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

function revertSharing(this: ActiveContext): ActiveContext {
  return this.previousContext ?? this;
}

/**
 * The `processingMode` to pass to jsonld so that expansion starts from an initial active context
 * whose copies share structure (see above). JSON-LD 1.1 is jsonld's default mode, so naming it
 * changes no result, only which cached initial context jsonld uses: a separate one from every
 * other caller in the process, which is the one patched here. Call before each operation: jsonld
 * may drop its cache of initial contexts, and a fresh one is patched again.
 *
 * @example
 * ```ts
 * await jsonld.toRDF(document, { documentLoader, safe: true, processingMode: shareActiveContexts() });
 * ```
 */
export function shareActiveContexts(): 'json-ld-1.1' {
  const initial = contextApi.getInitialContext({ processingMode: 'json-ld-1.1' });
  if (initial[shared] !== true) {
    initial.clone = cloneSharing;
    initial.revertToPreviousContext = revertSharing;
    initial[shared] = true;
  }
  return 'json-ld-1.1';
}
