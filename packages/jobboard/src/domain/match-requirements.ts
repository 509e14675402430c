import type { W3cCredential } from '@skillproof/core';
import type { IPresentationDefinition, PEX } from '@sphereon/pex';
import type { PresentationDefinition } from '../jobboard-types.js';
import { pexViewOf } from './pex-view-of.js';

/**
 * For each requirement (submission requirement group), the credentials PEX found for one of its
 * input descriptors, as positions in the list evaluated; every requirement of the definition
 * has an entry.
 */
export type RequirementMatches = Map<string, number[]>;

type PexCredentials = Parameters<PEX['evaluateCredentials']>[1];

function indexOfPath(path: string): number | undefined {
  const match = /\[(\d+)\]$/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/**
 * Evaluates a posting's presentation definition with `@sphereon/pex` over verified credentials
 * (each as {@link pexViewOf} shows it: W3C JSON, never a JWT to decode) and says which
 * credentials PEX found for each requirement: `matches.get('r1')` holds indexes into
 * `credentials`. It uses PEX's verifier side (`evaluateCredentials`), whose descriptor map names
 * every credential that answers each input descriptor, by its place in the list; how many a
 * requirement needs is `evaluateRequirements`' to decide.
 *
 * @example
 * ```ts
 * const matches = matchRequirements(new PEX(), posting.presentation_definition, [result.credential]);
 * matches.get('r2'); // [0]
 * ```
 */
export function matchRequirements(
  pex: PEX,
  definition: PresentationDefinition,
  credentials: readonly W3cCredential[],
): RequirementMatches {
  const matches: RequirementMatches = new Map(
    definition.submission_requirements.map((requirement) => [requirement.from, []]),
  );
  if (credentials.length === 0) return matches;
  let evaluation: ReturnType<PEX['evaluateCredentials']>;
  try {
    evaluation = pex.evaluateCredentials(
      definition as unknown as IPresentationDefinition,
      credentials.map(pexViewOf) as unknown as PexCredentials,
    );
  } catch {
    // A credential PEX can't map finds nothing, as a wallet's PEX would find nothing with it;
    // the applicant is told, per requirement, what was missing instead of getting a 500.
    return matches;
  }
  const groupOf = new Map(
    definition.input_descriptors.map((descriptor) => [descriptor.id, descriptor.group]),
  );
  for (const { id, path } of evaluation.value?.descriptor_map ?? []) {
    const index = indexOfPath(path);
    if (index === undefined || index >= credentials.length) continue;
    for (const requirementId of groupOf.get(id) ?? []) {
      const found = matches.get(requirementId);
      if (found && !found.includes(index)) found.push(index);
    }
  }
  for (const found of matches.values()) found.sort((a, b) => a - b);
  return matches;
}
