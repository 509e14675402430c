import type { Badge, Catalog } from '../catalog/catalog-types.js';
import type { IssuedFormat } from '../ports/issuer-store.js';

/** The formats a badge is offered in over OpenID4VCI: those its catalogue entry declares. */
export function offeredFormats(badge: Badge): readonly IssuedFormat[] {
  return badge.formats;
}

/**
 * The id of a badge's credential configuration in one format: `<badgeId>.<format>`.
 *
 * @example
 * ```ts
 * credentialConfigurationId('git-basics', 'ldp_vc'); // 'git-basics.ldp_vc'
 * ```
 */
export function credentialConfigurationId(badgeId: string, format: IssuedFormat): string {
  return `${badgeId}.${format}`;
}

/**
 * The badge and format a credential configuration id names, or `undefined` when the catalogue
 * has no such badge or the badge is not offered in that format.
 */
export function readCredentialConfigurationId(
  catalog: Catalog,
  id: string,
): { badge: Badge; format: IssuedFormat } | undefined {
  const dot = id.lastIndexOf('.');
  const badge = catalog.badges.find((candidate) => candidate.id === id.slice(0, dot));
  if (!badge) return undefined;
  const format = offeredFormats(badge).find((offered) => offered === id.slice(dot + 1));
  return format && { badge, format };
}
