import type { Achievement } from '@skillproof/core';
import type { Badge } from './catalog-types.js';
import { achievementUrl } from './public-badge.js';

/**
 * The Open Badges 3.0 `Achievement` a badge stands for, as embedded in every credential that
 * awards it and published at its `id`.
 *
 * @example
 * ```ts
 * badgeAchievement(badge, 'https://issuer.example').id; // 'https://issuer.example/achievements/git-basics'
 * ```
 */
export function badgeAchievement(badge: Badge, baseUrl: string): Achievement {
  return {
    id: achievementUrl(baseUrl, badge.slug),
    type: 'Achievement',
    achievementType: 'Badge',
    name: badge.name,
    description: badge.description,
    criteria: { narrative: badge.criteria.narrative },
  };
}
