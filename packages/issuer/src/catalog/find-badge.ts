import { SkillproofError } from '@skillproof/core';
import type { Badge, Catalog } from './catalog-types.js';

/**
 * The badge with this slug.
 *
 * @throws SkillproofError `NOT_FOUND` when the catalogue has none.
 * @example
 * ```ts
 * const badge = findBadge(defaultCatalog, 'git-basics');
 * ```
 */
export function findBadge(catalog: Catalog, slug: string): Badge {
  const badge = catalog.badges.find((candidate) => candidate.slug === slug);
  if (!badge) throw new SkillproofError('NOT_FOUND', `no badge ${JSON.stringify(slug)}`);
  return badge;
}
