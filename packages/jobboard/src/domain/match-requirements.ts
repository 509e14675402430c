import type { IPresentationDefinition, PEX } from '@sphereon/pex';
import type { PresentationDefinition } from '../jobboard-types.js';

/** For each requirement (submission requirement group), the credentials PEX found for it. */
export type RequirementMatches = Map<string, number[]>;

function indexOfPath(path: string): number | undefined {
  const match = /\[(\d+)\]$/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/**
 * Evaluates a posting's presentation definition over credential JWTs with `@sphereon/pex`, as a
 * wallet does with `selectFrom`, and says which credentials PEX found for each requirement:
 * `matches.get('r1')` holds indexes into `credentialJwts`. PEX reports paths into the list of
 * credentials it found selectable, which this maps back to the caller's positions.
 *
 * @example
 * ```ts
 * const matches = matchRequirements(new PEX(), posting.presentation_definition, jwts);
 * matches.get('r2'); // [0, 2]
 * ```
 */
export function matchRequirements(
  pex: PEX,
  definition: PresentationDefinition,
  credentialJwts: readonly string[],
): RequirementMatches {
  const matches: RequirementMatches = new Map();
  if (credentialJwts.length === 0) return matches;
  let selection: ReturnType<PEX['selectFrom']>;
  try {
    selection = pex.selectFrom(definition as unknown as IPresentationDefinition, [
      ...credentialJwts,
    ]);
  } catch {
    // A credential PEX can't map finds nothing, as a wallet's PEX would find nothing with it;
    // the applicant is told, per requirement, what was missing instead of getting a 500.
    return matches;
  }
  const selectable = selection.verifiableCredential ?? [];
  for (const match of selection.matches ?? []) {
    if (match.from === undefined) continue;
    const indexes = new Set(matches.get(match.from) ?? []);
    for (const path of match.vc_path) {
      const selected = indexOfPath(path);
      const credential = selected === undefined ? undefined : selectable[selected];
      const index = typeof credential === 'string' ? credentialJwts.indexOf(credential) : -1;
      if (index >= 0) indexes.add(index);
    }
    matches.set(
      match.from,
      [...indexes].sort((a, b) => a - b),
    );
  }
  return matches;
}
