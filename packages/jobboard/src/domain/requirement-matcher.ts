import { createHash } from 'node:crypto';
import { encodeBase64url, isJsonObject, type W3cCredential } from '@skillproof/core';
import { PEX } from '@sphereon/pex';
import type { PresentationDefinition } from '../jobboard-types.js';
import { matchRequirements, type RequirementMatches } from './match-requirements.js';

/**
 * Finds, with PEX, the credentials of a presentation for each requirement of a definition:
 * `credentials` are those whose signature checked out (so their `alg` was EdDSA), as their signed
 * payloads say. They may still have failed other checks (issuer, dates, status, holder): what PEX
 * finds is only a candidate until `evaluateRequirements` looks at the verification result.
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

// The verifier accepts EdDSA only; a projection says so as the credential's own header did.
const projectedHeader = encodeBase64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));

/**
 * What a job board definition can read of a credential as a decoded JWT, and nothing else:
 * `iss`, the `vc` types and contexts, and the achievement's `id` and `alignment` and the
 * subject's `result`, copied as they are (see `derivePresentationDefinition` for the paths), as
 * an unsigned JWT for PEX. It is made from the verified credential, so no JWT is decoded twice.
 * Badges of the same achievement from the same issuer with the same score project alike.
 */
function projectionOf(credential: W3cCredential): string {
  const subject = isJsonObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const achievement = isJsonObject(subject['achievement']) ? subject['achievement'] : {};
  const projected = {
    iss: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
    vc: {
      '@context': credential['@context'],
      type: credential.type,
      credentialSubject: {
        achievement: { id: achievement['id'], alignment: achievement['alignment'] },
        result: subject['result'],
      },
    },
  };
  return `${projectedHeader}.${encodeBase64url(JSON.stringify(projected))}.`;
}

/**
 * A {@link RequirementMatcher} that evaluates with PEX (`matchRequirements`) over what each
 * definition can read of the credentials, and remembers the answer. PEX spends milliseconds on
 * a presentation (JSONPath parsing and a chain of handlers), while its answer depends only on
 * the definition and those fields: every applicant showing the same badges at the same scores
 * gets the same answer, evaluated once. Projections are made of signed credentials only, and a
 * requirement is still met only after `evaluateRequirements` checks the verified credential.
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
  const cache = new Map<string, RequirementMatches>();
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
    const projections = credentials.map(projectionOf);
    const distinct = [...new Set(projections)];
    const key = createHash('sha256')
      .update(`${digestOf(definition)}\n${distinct.join('\n')}`)
      .digest('base64url');
    let found = cache.get(key);
    if (found) {
      // Least recently used goes first: move this one to the end.
      cache.delete(key);
    } else {
      found = matchRequirements(pex, definition, distinct);
      if (cache.size >= maxCached) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
    }
    cache.set(key, found);
    const matches: RequirementMatches = new Map();
    for (const [requirementId, indexes] of found) {
      const wanted = new Set(indexes.map((index) => distinct[index]));
      matches.set(
        requirementId,
        projections.flatMap((projection, index) => (wanted.has(projection) ? [index] : [])),
      );
    }
    return matches;
  };
}
