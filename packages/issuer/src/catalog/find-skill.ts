import { SkillproofError } from '@skillproof/core';
import type { Catalog, Skill } from './catalog-types.js';

/**
 * The skill with this id.
 *
 * @throws SkillproofError `NOT_FOUND` when the catalogue defines none.
 * @example
 * ```ts
 * findSkill(loadDefaultCatalog(), 'python-programming').name; // 'Python programming'
 * ```
 */
export function findSkill(catalog: Catalog, id: string): Skill {
  const skill = catalog.skills.find((candidate) => candidate.id === id);
  if (!skill) throw new SkillproofError('NOT_FOUND', `no skill ${JSON.stringify(id)}`);
  return skill;
}
