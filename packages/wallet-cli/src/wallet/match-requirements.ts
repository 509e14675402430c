import type { PostingRequirement } from '@skillproof/core';
import type { CredentialSelection } from './select-credentials.js';

/** How the wallet's badges answer one requirement of a posting. */
export interface RequirementMatch {
  id: string;
  /** The requirement in words, as the board describes it. */
  description: string;
  met: boolean;
  /** The ids of the badges that answer it. */
  badges: string[];
}

/**
 * Reads a {@link selectCredentials} result per requirement of the posting: a clause is answered
 * by its own input descriptor, or (any-of) by the descriptors of its group, as many as it
 * counts. The wallet's own reading, for `jobs` and `apply` to show before anything is sent; the
 * board decides.
 *
 * @example
 * ```ts
 * const unmet = matchRequirements(posting.requirements, selection).filter((r) => !r.met);
 * ```
 */
export function matchRequirements(
  requirements: readonly PostingRequirement[],
  selection: CredentialSelection | undefined,
): RequirementMatch[] {
  return requirements.map((requirement) => {
    const answering = (selection?.matches ?? []).filter(
      (match) =>
        match.descriptor.id === requirement.id ||
        (match.descriptor.group ?? []).includes(requirement.id),
    );
    const answered = answering.filter((match) => match.matching.length > 0);
    return {
      id: requirement.id,
      description: requirement.description,
      met:
        answered.length > 0 &&
        answered.length >= (requirement.type === 'any-of' ? requirement.count : 1),
      badges: [...new Set(answered.flatMap((match) => match.matching))],
    };
  });
}
