import { issuedFormats } from '@skillproof/core';
import { parseBody, type RateLimiter } from '@skillproof/server/http';
import { Router } from 'express';
import { z } from 'zod';
import type { IssuerContext } from '../../domain/issuer-context.js';
import { startAttempt } from '../../domain/start-attempt.js';
import { submitAnswers } from '../../domain/submit-answers.js';
import { offerAttemptCredential } from '../../oid4vci/offer-attempt-credential.js';
import { learnerDid } from '../learner-did.js';

/**
 * Body of `POST /attempts`: the badge, and `renewal: true` to ask for its renewal test (refused
 * unless the learner holds it inside its renewal window).
 */
export const attemptRequest = z.object({
  badge: z.string().min(1).max(128),
  renewal: z.boolean().optional(),
});
const taskIdSchema = z.string().min(1).max(64);
const answerTextSchema = z.string().max(256);
const maxAnswers = 100;
// What the answers look like on the wire, for the OpenAPI document.
const { $schema: _dialect, ...answersJsonSchema } = z.toJSONSchema(
  z.record(taskIdSchema, answerTextSchema),
  { io: 'input' },
);

/**
 * task id -> choice id (quiz) or answer text, read key by key from the parsed JSON into an
 * object without a prototype, so that every key is a task id like any other: zod's record would
 * drop a `__proto__` key and refuse an object with a `constructor` key, and a plain object
 * inherits `toString`. A key the badge has no task for is then refused by grading (400).
 */
const answerMapSchema = z
  .custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    error: 'expected an object of task id -> answer',
  })
  .transform((value, ctx) => {
    const entries = Object.entries(value);
    if (entries.length > maxAnswers) {
      ctx.addIssue({ code: 'custom', message: `at most ${maxAnswers} answers` });
      return z.NEVER;
    }
    const answers = Object.create(null) as Record<string, string>;
    for (const [taskId, answer] of entries) {
      const issue =
        taskIdSchema.safeParse(taskId).error?.issues[0] ??
        answerTextSchema.safeParse(answer).error?.issues[0];
      if (issue) {
        ctx.addIssue({ code: 'custom', path: [taskId], message: issue.message });
        return z.NEVER;
      }
      answers[taskId] = answer as string;
    }
    return answers;
  })
  .meta(answersJsonSchema);

/**
 * Body of `POST /attempts/:id/answers`: task id -> choice id or answer text, and the format a
 * pass is awarded in (default `jwt_vc_json`; one the badge offers).
 */
export const answersRequest = z.object({
  answers: answerMapSchema,
  format: z
    .enum(issuedFormats, { error: `the formats issued here are ${issuedFormats.join(', ')}` })
    .optional(),
});

/** Body of `POST /attempts/:id/offer` (optional): the formats to offer, and whether a tx code is asked. */
export const offerRequest = z.object({
  formats: z.array(z.enum(issuedFormats)).min(1).max(3).optional(),
  txCode: z.boolean().optional(),
});

/**
 * Micro-tests, for a signed-in learner (`Authorization: Bearer <session token>`); every one
 * counts against `limiter` per learner DID.
 * `POST /attempts` `{badge, renewal?}` -> 201 `{attemptId, badge, tasks, expiresAt,
 * attemptNumber, attemptsLeft, renewal?}`; `POST /attempts/:id/answers` `{answers: {taskId: string}, format?}` -> 200
 * `{attemptId, badge, passed, score, correct, total, attemptsLeft, nextAttemptAt,
 * verifiableCredential?, format?, award?, renewed?}`; `POST /attempts/:id/offer` `{formats?, txCode?}` ->
 * 201 `{offerId, offerUri, credentialOfferUri, txCode, expiresAt}`: an OpenID4VCI offer of a
 * passed attempt's badge.
 */
export function attemptRoutes(ctx: IssuerContext, limiter: RateLimiter): Router {
  const router = Router();
  router.post('/attempts', async (req, res) => {
    const did = await learnerDid(ctx, req);
    await limiter.hit(did, 'attempt requests');
    const { badge, renewal } = parseBody(attemptRequest, req.body);
    res
      .status(201)
      .json(await startAttempt(ctx, did, badge, renewal === undefined ? {} : { renewal }));
  });
  router.post('/attempts/:id/answers', async (req, res) => {
    const did = await learnerDid(ctx, req);
    await limiter.hit(did, 'attempt requests');
    const { answers, format } = parseBody(answersRequest, req.body);
    res.json(
      await submitAnswers(ctx, {
        attemptId: req.params.id,
        did,
        answers,
        ...(format === undefined ? {} : { format }),
      }),
    );
  });
  router.post('/attempts/:id/offer', async (req, res) => {
    const did = await learnerDid(ctx, req);
    await limiter.hit(did, 'attempt requests');
    const { formats, txCode } = parseBody(offerRequest, req.body ?? {});
    res
      .status(201)
      .json(await offerAttemptCredential(ctx, { did, attemptId: req.params.id, formats, txCode }));
  });
  return router;
}
