import { openBadgesContextV3 } from '@skillproof/core';
import { Router } from 'express';
import { badgeAchievement } from '../../catalog/badge-achievement.js';
import { findBadge } from '../../catalog/find-badge.js';
import { publicBadge } from '../../catalog/public-badge.js';
import type { IssuerContext } from '../../domain/issuer-context.js';

/**
 * `GET /catalog`: the badges on offer and their questions, never the answers.
 * `GET /achievements/:slug`: a badge's Open Badges 3.0 `Achievement`, where its id points.
 */
export function catalogRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/catalog', (_req, res) => {
    res.json({
      issuer: ctx.profile,
      badges: ctx.catalog.badges.map((badge) => publicBadge(badge, ctx.baseUrl)),
    });
  });
  router.get('/achievements/:slug', (req, res) => {
    const badge = findBadge(ctx.catalog, req.params.slug);
    res.json({
      '@context': [openBadgesContextV3],
      ...badgeAchievement(badge, ctx.baseUrl),
      creator: ctx.profile,
    });
  });
  return router;
}
