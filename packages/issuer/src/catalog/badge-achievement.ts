import type { Achievement } from '@skillproof/core';
import { badgeAlignment } from './badge-alignment.js';
import type { Badge } from './catalog-types.js';
import { achievementUrl, badgeImageUrl } from './catalog-urls.js';

/**
 * The Open Badges 3.0 `Achievement` a badge stands for, as embedded in every credential that
 * awards it and published at its `id`: criteria, image, alignments to the issuer's skills, and
 * the description of the score result every award carries (OB 3.0 §B.1.15 ResultDescription,
 * referenced from the subject's `result[].resultDescription`).
 *
 * @example
 * ```ts
 * badgeAchievement(badge, 'https://issuer.example').id; // 'https://issuer.example/achievements/git-basics'
 * ```
 */
export function badgeAchievement(badge: Badge, baseUrl: string): Achievement {
  const id = achievementUrl(baseUrl, badge.id);
  const alignment = badgeAlignment(badge, baseUrl);
  return {
    id,
    type: 'Achievement',
    achievementType: 'Badge',
    name: badge.name,
    description: badge.description,
    criteria: { narrative: badge.criteria.narrative },
    image: { id: badgeImageUrl(baseUrl, badge.id), type: 'Image' },
    ...(alignment.length > 0 ? { alignment } : {}),
    resultDescription: [
      {
        id: `${id}#score`,
        type: ['ResultDescription'],
        name: 'Score',
        resultType: 'Percent',
        valueMin: '0',
        valueMax: '100',
      },
    ],
  };
}
