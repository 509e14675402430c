import { parseBody, type RateLimiter } from '@skillproof/server/http';
import { Router } from 'express';
import { z } from 'zod';
import { createAuthChallenge } from '../../domain/create-auth-challenge.js';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { signInWithPresentation } from '../../domain/sign-in-with-presentation.js';

/** Body of `POST /auth/challenge`. */
export const challengeRequest = z.object({ did: z.string().min(1).max(256) });
/** Body of `POST /auth/token`. */
export const tokenRequest = z.object({ presentation: z.string().min(1).max(16_384) });

/**
 * DID-auth. `POST /auth/challenge` `{did}` -> 201 `{challenge, domain, expiresAt}`;
 * `POST /auth/token` `{presentation}` (a JWT VP with `nonce` = challenge, `aud` ∋ domain) ->
 * 201 `{token, did, expiresAt}`. Both count against `limiter` per client address (429 with
 * `Retry-After` beyond it).
 */
export function authRoutes(ctx: IssuerContext, limiter: RateLimiter): Router {
  const router = Router();
  router.post('/auth/challenge', async (req, res) => {
    await limiter.hit(req.ip ?? 'unknown', 'sign-in requests');
    const { did } = parseBody(challengeRequest, req.body);
    res.status(201).json(await createAuthChallenge(ctx, did));
  });
  router.post('/auth/token', async (req, res) => {
    await limiter.hit(req.ip ?? 'unknown', 'sign-in requests');
    const { presentation } = parseBody(tokenRequest, req.body);
    res.status(201).json(await signInWithPresentation(ctx, presentation));
  });
  return router;
}
