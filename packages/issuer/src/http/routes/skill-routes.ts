import { Router } from 'express';
import type { Catalog, Skill } from '../../catalog/catalog-types.js';
import { achievementUrl, skillUrl } from '../../catalog/catalog-urls.js';
import { findSkill } from '../../catalog/find-skill.js';
import type { IssuerContext } from '../../domain/issuer-context.js';

function skillDocument(ctx: IssuerContext, skill: Skill) {
  return {
    id: skillUrl(ctx.baseUrl, skill.id),
    name: skill.name,
    description: skill.description,
    creator: ctx.profile,
    // The achievements aligned to it, so that a job board can offer them for a skill clause.
    achievements: alignedAchievements(ctx.catalog, skill.id).map((badgeId) =>
      achievementUrl(ctx.baseUrl, badgeId),
    ),
  };
}

function alignedAchievements(catalog: Catalog, skillId: string): string[] {
  return catalog.badges
    .filter((badge) => badge.skills.some((skill) => skill.id === skillId))
    .map((badge) => badge.id);
}

/**
 * The skills the issuer defines and its badges align to, published where the alignments point:
 * `GET /skills` -> `{skills: [{id, name, description, creator, achievements}]}`;
 * `GET /skills/:id` -> one of them (`id` is its URL).
 */
export function skillRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/skills', (_req, res) => {
    res.json({ skills: ctx.catalog.skills.map((skill) => skillDocument(ctx, skill)) });
  });
  router.get('/skills/:id', (req, res) => {
    res.json(skillDocument(ctx, findSkill(ctx.catalog, req.params.id)));
  });
  return router;
}
