import { SkillproofError } from '@skillproof/core';
import type { Badge, Catalog } from './catalog-types.js';

/**
 * The badge with this id.
 *
 * @throws SkillproofError `NOT_FOUND` when the catalogue has none.
 * @example
 * ```ts
 * const badge = findBadge(loadDefaultCatalog(), 'git-basics');
 * ```
 */
export function findBadge(catalog: Catalog, id: string): Badge {
  const badge = catalog.badges.find((candidate) => candidate.id === id);
  if (!badge) throw new SkillproofError('NOT_FOUND', `no badge ${JSON.stringify(id)}`);
  return badge;
}
