import type { RequirementClause, RequirementLabels } from '../jobboard-types.js';
import { labelledNames, type LabelledNames } from '@skillproof/verifier/requirements';

function inWords(items: string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}

function issuersOf(clause: RequirementClause, names: LabelledNames): string {
  return `from ${inWords(
    clause.acceptedIssuers.map((did) => names.issuer(did)),
    'or',
  )}`;
}

/**
 * A requirement clause in plain words, for people (postings, wallets, the definition's purpose):
 * badges, issuers and skills by the names the employer gave them, else by a short form of their
 * ids (`labelledNames`). The ids themselves are in the clause, for whoever checks.
 *
 * @example
 * ```ts
 * describeRequirement(
 *   { id: 'r1', type: 'badge', achievementId, acceptedIssuers: [did], minScore: 80 },
 *   { achievements: { [achievementId]: 'Python Problem Solver I' }, issuers: { [did]: 'Skillproof Academy' } },
 * );
 * // 'Python Problem Solver I from Skillproof Academy, score ≥ 80'
 * ```
 */
export function describeRequirement(
  clause: RequirementClause,
  labels: RequirementLabels = {},
): string {
  const described = describeClause(clause, labelledNames(labels));
  if (clause.withinMonths === undefined) return described;
  const months = clause.withinMonths === 1 ? 'month' : `${clause.withinMonths} months`;
  return `${described}, earned or renewed within the last ${months}`;
}

function describeClause(clause: RequirementClause, names: LabelledNames): string {
  const from = issuersOf(clause, names);
  switch (clause.type) {
    case 'badge': {
      const badge = names.achievement(clause.achievementId);
      const score = clause.minScore === undefined ? '' : `, score ≥ ${clause.minScore}`;
      return `${badge} ${from}${score}`;
    }
    case 'any-of': {
      const badges = clause.achievementIds.map((id) => names.achievement(id));
      if (clause.count === badges.length) return `all of ${inWords(badges, 'and')}, ${from}`;
      return `any ${clause.count} of ${inWords(badges, 'and')}, ${from}`;
    }
    case 'skill':
      return `any badge aligned to ${names.skill(clause.skillUrl)} ${from}`;
  }
}
