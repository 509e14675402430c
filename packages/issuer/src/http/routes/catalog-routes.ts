import { openBadgesContextV3 } from '@skillproof/core';
import { Router } from 'express';
import { badgeAchievement } from '../../catalog/badge-achievement.js';
import { findBadge } from '../../catalog/find-badge.js';
import { practiceDeck } from '../../catalog/practice-deck.js';
import { publicBadge } from '../../catalog/public-badge.js';
import type { IssuerContext } from '../../domain/issuer-context.js';

/**
 * `GET /catalog`: the badges on offer and their tasks, never the answers.
 * `GET /catalog/:id/practice`: a badge's practice items, with their answers: practice is
 * ungraded and checked offline by the learner's wallet; the graded tasks stay apart.
 * `GET /achievements/:id`: a badge's Open Badges 3.0 `Achievement`, where its id points.
 */
export function catalogRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/catalog', (_req, res) => {
    res.json({
      issuer: ctx.profile,
      badges: ctx.catalog.badges.map((badge) => publicBadge(badge, ctx.baseUrl)),
    });
  });
  router.get('/catalog/:id/practice', (req, res) => {
    res.json(practiceDeck(findBadge(ctx.catalog, req.params.id), ctx.baseUrl));
  });
  router.get('/achievements/:id', (req, res) => {
    const badge = findBadge(ctx.catalog, req.params.id);
    res.json({
      '@context': [openBadgesContextV3],
      ...badgeAchievement(badge, ctx.baseUrl),
      creator: ctx.profile,
    });
  });
  return router;
}
