import { parseBody } from '@skillproof/core/http';
import { Router } from 'express';
import { z } from 'zod';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { startAttempt } from '../../domain/start-attempt.js';
import { submitAnswers } from '../../domain/submit-answers.js';
import { learnerDid } from '../learner-did.js';

const attemptRequest = z.object({ badge: z.string().min(1).max(128) });
const answersRequest = z.object({
  answers: z.record(z.string().max(64), z.string().max(64)),
});

/**
 * Micro-tests, for a signed-in learner (`Authorization: Bearer <session token>`).
 * `POST /attempts` `{badge}` -> 201 `{attemptId, badge, tasks, expiresAt}`;
 * `POST /attempts/:id/answers` `{answers: {taskId: choiceId}}` -> 200
 * `{attemptId, badge, passed, score, correct, total, verifiableCredential?}`.
 */
export function attemptRoutes(ctx: IssuerContext): Router {
  const router = Router();
  router.post('/attempts', async (req, res) => {
    const did = await learnerDid(ctx, req);
    const { badge } = parseBody(attemptRequest, req.body);
    res.status(201).json(await startAttempt(ctx, did, badge));
  });
  router.post('/attempts/:id/answers', async (req, res) => {
    const did = await learnerDid(ctx, req);
    const { answers } = parseBody(answersRequest, req.body);
    res.json(await submitAnswers(ctx, { attemptId: req.params.id, did, answers }));
  });
  return router;
}
