import { Router } from 'express';
import type { IssuerContext } from '../../domain/issuer-context.js';

/** `GET /issuer`: the issuer's Open Badges profile (`id` is its DID). */
export function profileRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/issuer', (_req, res) => {
    res.json(ctx.profile);
  });
  return router;
}
