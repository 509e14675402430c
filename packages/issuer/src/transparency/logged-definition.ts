import type { LoggedDefinition } from '../domain/badge-evidence.js';
import type { IssuerTransparency } from './issuer-transparency.js';

/**
 * The logged definition of the badge `achievementId` that credentials issued now point to;
 * `undefined` without a log (or for an achievement with no logged definition).
 *
 * @example
 * ```ts
 * buildBadgeCredential({ ...options, definition: loggedDefinition(ctx.transparency, ctx.baseUrl, achievementId) });
 * ```
 */
export function loggedDefinition(
  transparency: IssuerTransparency | undefined,
  baseUrl: string,
  achievementId: string,
): LoggedDefinition | undefined {
  const leafIndex = transparency?.definitionLeaves.get(achievementId);
  if (leafIndex === undefined || !transparency) return undefined;
  return { url: `${baseUrl}/log/entries/${leafIndex}`, leafIndex, origin: transparency.origin };
}
