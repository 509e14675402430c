import type { LabelledNames } from '@skillproof/verifier/requirements';
import type { RequirementClause } from '../jobboard-types.js';

/** An issuer as pages show it: by name, its DID one click away. */
export interface IssuerView {
  name: string;
  did: string;
}

/** A requirement clause as pages show it: in words, its issuers by name, its ids folded away. */
export interface RequirementView {
  id: string;
  /** `Python Problem Solver I, score ≥ 80`, `any 1 of SQL Basics and Pandas`, `any badge aligned to Python`. */
  text: string;
  issuers: IssuerView[];
  /** What the clause is checked against: its achievement ids, or its skill URL. */
  ids: string[];
}

function inWords(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * A clause for a page: what it asks in words (names from `names`), its accepted issuers by name
 * with their DIDs, and the ids it is checked against, for whoever wants them.
 *
 * @example
 * ```ts
 * requirementView(clause, pageNames(posting.labels, catalogs));
 * // { id: 'r1', text: 'Python Problem Solver I, score ≥ 80', issuers: [{ name: 'Skillproof Academy', did }], ids: [achievementId] }
 * ```
 */
export function requirementView(clause: RequirementClause, names: LabelledNames): RequirementView {
  const view = clauseView(clause, names);
  if (clause.withinMonths === undefined) return view;
  const months = clause.withinMonths === 1 ? 'month' : `${clause.withinMonths} months`;
  return { ...view, text: `${view.text}, earned or renewed within the last ${months}` };
}

function clauseView(clause: RequirementClause, names: LabelledNames): RequirementView {
  const issuers = clause.acceptedIssuers.map((did) => ({ name: names.issuer(did), did }));
  switch (clause.type) {
    case 'badge':
      return {
        id: clause.id,
        text: `${names.achievement(clause.achievementId)}${clause.minScore === undefined ? '' : `, score ≥ ${clause.minScore}`}`,
        issuers,
        ids: [clause.achievementId],
      };
    case 'any-of': {
      const badges = inWords(clause.achievementIds.map((id) => names.achievement(id)));
      return {
        id: clause.id,
        text:
          clause.count === clause.achievementIds.length
            ? `all of ${badges}`
            : `any ${clause.count} of ${badges}`,
        issuers,
        ids: [...clause.achievementIds],
      };
    }
    case 'skill':
      return {
        id: clause.id,
        text: `any badge aligned to ${names.skill(clause.skillUrl)}`,
        issuers,
        ids: [clause.skillUrl],
      };
  }
}
