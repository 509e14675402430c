import type { Badge, BadgeAlignment } from './catalog-types.js';
import { skillUrl } from './catalog-urls.js';

/**
 * A badge's Open Badges 3.0 alignments: one per skill it aligns to, each pointing at the skill
 * definition the issuer itself publishes (`<baseUrl>/skills/<id>`), since that is a framework
 * URL the issuer can stand behind.
 *
 * @example
 * ```ts
 * badgeAlignment(badge, 'https://academy.example')[0]?.targetUrl; // 'https://academy.example/skills/sql'
 * ```
 */
export function badgeAlignment(badge: Badge, baseUrl: string): BadgeAlignment[] {
  return badge.skills.map((skill) => ({
    type: ['Alignment'],
    targetName: skill.name,
    targetUrl: skillUrl(baseUrl, skill.id),
    targetDescription: skill.description,
    targetCode: skill.id,
  }));
}
