import type { RequirementLabels } from '@skillproof/core';

/** How the ids of a posting's clauses read in words: with their labels, ids kept. */
export interface LabelledNames {
  /** `"Python Problem Solver I" (https://…/python-problems-1)`, or the bare id unlabelled. */
  achievement(achievementId: string): string;
  /** `Skillproof Academy (did:key:…)`, or the bare DID unlabelled. */
  issuer(did: string): string;
  /** `"Python" (https://skills.test/python)`, or the bare URL unlabelled. */
  skill(skillUrl: string): string;
}

function quoted(id: string, label: string | undefined): string {
  return label === undefined ? id : `"${label}" (${id})`;
}

/**
 * Names the ids a posting's clauses use with the labels its employer gave them. The id stays
 * beside the label: labels are the employer's words, and only the id is what a badge is checked
 * against, so a person (or an auditor) can always tell which badge or issuer is meant.
 *
 * @example
 * ```ts
 * const names = labelledNames({ issuers: { [did]: 'Skillproof Academy' } });
 * names.issuer(did); // 'Skillproof Academy (did:key:…)'
 * ```
 */
export function labelledNames(labels: RequirementLabels = {}): LabelledNames {
  // Own properties only: an id such as `constructor` must not find Object.prototype's.
  const own = (table: Record<string, string> | undefined, id: string): string | undefined =>
    table !== undefined && Object.hasOwn(table, id) ? table[id] : undefined;
  return {
    achievement: (achievementId) => quoted(achievementId, own(labels.achievements, achievementId)),
    issuer: (did) => {
      const label = own(labels.issuers, did);
      return label === undefined ? did : `${label} (${did})`;
    },
    skill: (skillUrl) => quoted(skillUrl, own(labels.skills, skillUrl)),
  };
}
