import { Router } from 'express';
import { findBadge } from '../../catalog/find-badge.js';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { sendSvg } from '../send-svg.js';

/**
 * `GET /badges/:id/image.svg`: a badge's image (`image/svg+xml`), where its achievement's
 * `image.id` points. Cacheable for a day, unlike the rest of the API; a sandboxing
 * Content-Security-Policy keeps an SVG opened on its own from running anything.
 */
export function badgeImageRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/badges/:id/image.svg', (req, res) => {
    const badge = findBadge(ctx.catalog, req.params.id);
    sendSvg(res, badge.image.svg);
  });
  return router;
}
