import { createHash } from 'node:crypto';
import type { W3cCredential } from '@skillproof/core';
import { PEX } from '@sphereon/pex';
import type { PresentationDefinition } from '../jobboard-types.js';
import { matchRequirements, type RequirementMatches } from './match-requirements.js';
import { pexViewOf } from './pex-view-of.js';

/**
 * Finds, with PEX, the credentials of a presentation for each requirement of a definition.
 * `credentials` are the verified credentials themselves (every check passed), as the verifier
 * returned them; what PEX finds is then decided by `evaluateRequirements`.
 */
export type RequirementMatcher = (
  definition: PresentationDefinition,
  credentials: readonly W3cCredential[],
) => RequirementMatches;

/** Options of {@link createRequirementMatcher}. */
export interface RequirementMatcherOptions {
  /** The PEX instance to evaluate with. Default: a new one. */
  pex?: PEX;
  /** Most evaluations remembered. Default 10,000. */
  maxCachedEvaluations?: number;
}

/**
 * A {@link RequirementMatcher} that evaluates with PEX (`matchRequirements`) and remembers the
 * answer. PEX spends milliseconds on a presentation (JSONPath parsing and a chain of handlers),
 * while its answer depends only on the definition and what it reads of each credential
 * ({@link pexViewOf}): every applicant showing the same badges at the same scores gets the same
 * answer, evaluated once, over the first such applicant's verified credentials.
 *
 * @example
 * ```ts
 * const match = createRequirementMatcher();
 * const matches = match(posting.presentation_definition, [result.credentials[0].credential]);
 * ```
 */
export function createRequirementMatcher(
  options: RequirementMatcherOptions = {},
): RequirementMatcher {
  const pex = options.pex ?? new PEX();
  const maxCached = options.maxCachedEvaluations ?? 10_000;
  // Each answer lists, per requirement, the views (as JSON) PEX found for it.
  const cache = new Map<string, Map<string, Set<string>>>();
  // Keys are SHA-256 digests, so a full cache holds digests rather than kilobytes of JSON; the
  // store hands out one object per definition, so each is serialized once.
  const definitionDigests = new WeakMap<PresentationDefinition, string>();
  const digestOf = (definition: PresentationDefinition): string => {
    let digest = definitionDigests.get(definition);
    if (digest === undefined) {
      digest = createHash('sha256').update(JSON.stringify(definition)).digest('base64url');
      definitionDigests.set(definition, digest);
    }
    return digest;
  };
  return (definition, credentials) => {
    const views = credentials.map((credential) => JSON.stringify(pexViewOf(credential)));
    const distinct = [...new Set(views)];
    const key = createHash('sha256')
      .update(`${digestOf(definition)}\n${distinct.join('\n')}`)
      .digest('base64url');
    let found = cache.get(key);
    if (found) {
      // Least recently used goes first: move this one to the end.
      cache.delete(key);
    } else {
      const evaluated = distinct.map((view) => credentials[views.indexOf(view)] as W3cCredential);
      found = new Map(
        [...matchRequirements(pex, definition, evaluated)].map(([requirementId, indexes]) => [
          requirementId,
          new Set(indexes.map((index) => distinct[index] as string)),
        ]),
      );
      if (cache.size >= maxCached) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
    }
    cache.set(key, found);
    const matches: RequirementMatches = new Map();
    for (const [requirementId, wanted] of found) {
      matches.set(
        requirementId,
        views.flatMap((view, index) => (wanted.has(view) ? [index] : [])),
      );
    }
    return matches;
  };
}
