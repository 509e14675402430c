import type { Catalog } from './catalog-types.js';
import { loadCatalog } from './load-catalog.js';

/**
 * The folder of the catalogue that ships with the issuer (`packages/issuer/catalog/`), found
 * relative to this module so that it resolves the same from `src/catalog` and `dist/catalog`.
 */
export const defaultCatalogDirectory = new URL('../../catalog/', import.meta.url);

/**
 * The badges Skillproof Academy offers out of the box, read and validated from
 * {@link defaultCatalogDirectory}: Git Basics, Russian History I, Python Problem Solver I and more.
 *
 * @throws SkillproofError `CONFIGURATION_INVALID` when a catalogue file is bad.
 * @example
 * ```ts
 * const gitBasics = findBadge(loadDefaultCatalog(), 'git-basics');
 * ```
 */
export function loadDefaultCatalog(): Catalog {
  return loadCatalog(defaultCatalogDirectory);
}
