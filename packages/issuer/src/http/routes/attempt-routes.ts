import { parseBody, type RateLimiter } from '@skillproof/server/http';
import { Router } from 'express';
import { z } from 'zod';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { startAttempt } from '../../domain/start-attempt.js';
import { submitAnswers } from '../../domain/submit-answers.js';
import { learnerDid } from '../learner-did.js';

/** Body of `POST /attempts`. */
export const attemptRequest = z.object({ badge: z.string().min(1).max(128) });
/** Body of `POST /attempts/:id/answers`: task id -> choice id or answer text. */
export const answersRequest = z.object({
  answers: z
    .record(z.string().min(1).max(64), z.string().max(256))
    .refine((answers) => Object.keys(answers).length <= 100, { error: 'at most 100 answers' }),
});

/**
 * Micro-tests, for a signed-in learner (`Authorization: Bearer <session token>`); both count
 * against `limiter` per learner DID.
 * `POST /attempts` `{badge}` -> 201 `{attemptId, badge, tasks, expiresAt, attemptNumber,
 * attemptsLeft}`; `POST /attempts/:id/answers` `{answers: {taskId: string}}` -> 200
 * `{attemptId, badge, passed, score, correct, total, attemptsLeft, nextAttemptAt,
 * verifiableCredential?}`.
 */
export function attemptRoutes(ctx: IssuerContext, limiter: RateLimiter): Router {
  const router = Router();
  router.post('/attempts', async (req, res) => {
    const did = await learnerDid(ctx, req);
    limiter.hit(did, 'attempt requests');
    const { badge } = parseBody(attemptRequest, req.body);
    res.status(201).json(await startAttempt(ctx, did, badge));
  });
  router.post('/attempts/:id/answers', async (req, res) => {
    const did = await learnerDid(ctx, req);
    limiter.hit(did, 'attempt requests');
    const { answers } = parseBody(answersRequest, req.body);
    res.json(await submitAnswers(ctx, { attemptId: req.params.id, did, answers }));
  });
  return router;
}
