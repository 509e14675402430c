import type { RequirementClause, RequirementLabels } from '../jobboard-types.js';
import { labelledNames, type LabelledNames } from '@skillproof/verifier/requirements';

function inWords(items: string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}

function issuersOf(clause: RequirementClause, names: LabelledNames): string {
  return `from ${inWords(clause.acceptedIssuers.map(names.issuer), 'or')}`;
}

/**
 * A requirement clause in plain words, for the posting page and the applicant: each id is
 * shown, with the name the employer gave it when there is one, so a person can read it and
 * check it against a badge.
 *
 * @example
 * ```ts
 * describeRequirement(
 *   { id: 'r1', type: 'badge', achievementId, acceptedIssuers: [did], minScore: 80 },
 *   { achievements: { [achievementId]: 'Python Problem Solver I' }, issuers: { [did]: 'Skillproof Academy' } },
 * );
 * // '"Python Problem Solver I" (https://…/python-problems-1) from Skillproof Academy (did:key:…), score at least 80'
 * ```
 */
export function describeRequirement(
  clause: RequirementClause,
  labels: RequirementLabels = {},
): string {
  const names = labelledNames(labels);
  const from = issuersOf(clause, names);
  switch (clause.type) {
    case 'badge': {
      const badge = names.achievement(clause.achievementId);
      const score = clause.minScore === undefined ? '' : `, score at least ${clause.minScore}`;
      return `${badge} ${from}${score}`;
    }
    case 'any-of': {
      const badges = clause.achievementIds.map(names.achievement);
      if (clause.count === badges.length) return `all of ${inWords(badges, 'and')}, ${from}`;
      return `any ${clause.count} of ${inWords(badges, 'and')}, ${from}`;
    }
    case 'skill':
      return `any badge aligned to ${names.skill(clause.skillUrl)} ${from}`;
  }
}
