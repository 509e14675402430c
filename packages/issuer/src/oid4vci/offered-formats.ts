import type { Badge, Catalog } from '../catalog/catalog-types.js';
import type { IssuedFormat } from '../ports/issuer-store.js';

/** Every format a badge can be issued in over OpenID4VCI. */
export const oid4vciFormats: readonly IssuedFormat[] = ['jwt_vc_json', 'ldp_vc', 'vc+jwt'];

/**
 * The formats a badge is offered in: every format for now (the catalogue's `badge.formats`
 * takes over when it has one).
 */
export function offeredFormats(_badge: Badge): readonly IssuedFormat[] {
  return oid4vciFormats;
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
