import { Router } from 'express';
import { findBadge } from '../../catalog/find-badge.js';
import type { IssuerContext } from '../../domain/issuer-context.js';

/**
 * `GET /badges/:id/image.svg`: a badge's image (`image/svg+xml`), where its achievement's
 * `image.id` points. Cacheable for a day, unlike the rest of the API; a sandboxing
 * Content-Security-Policy keeps an SVG opened on its own from running anything.
 */
export function badgeImageRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/badges/:id/image.svg', (req, res) => {
    const badge = findBadge(ctx.catalog, req.params.id);
    res
      .set('Cache-Control', 'public, max-age=86400')
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .type('image/svg+xml')
      .send(badge.image.svg);
  });
  return router;
}
