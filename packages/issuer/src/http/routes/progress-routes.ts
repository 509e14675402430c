import { Router } from 'express';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { learnerProgress } from '../../domain/learner-progress.js';
import { learnerDid } from '../learner-did.js';

/**
 * `GET /learners/me/progress` (`Authorization: Bearer <session token>`) -> 200
 * `{learner, badges: [{badge, name, earned, credentialId, attempts, maxAttempts, attemptsLeft,
 * bestScore, nextAttemptAt}]}`.
 */
export function progressRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.get('/learners/me/progress', async (req, res) => {
    const did = await learnerDid(ctx, req);
    res.json(await learnerProgress(ctx, did));
  });
  return router;
}
