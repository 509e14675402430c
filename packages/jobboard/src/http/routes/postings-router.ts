import { bearerToken, parseBody } from '@skillproof/server/http';
import { Router } from 'express';
import { authenticateEmployer } from '../../domain/authenticate-employer.js';
import { createPosting } from '../../domain/create-posting.js';
import { createPresentationRequest } from '../../domain/create-presentation-request.js';
import { getPosting } from '../../domain/get-posting.js';
import { listPostings } from '../../domain/list-postings.js';
import { postingInputSchema } from '../../domain/posting-input.js';
import { paidTaskSummaryOf } from '../../domain/paid-task-summary.js';
import type { JobboardContext } from '../../jobboard-context.js';
import { createOpenid4vpRequest } from '../../openid4vp/create-openid4vp-request.js';
import { SkillproofError } from '@skillproof/core';

/**
 * `POST /api/postings` (employer), `GET /api/postings`, `GET /api/postings/:id` and
 * `POST /api/postings/:id/presentation-request` and `POST /api/postings/:id/openid4vp-requests`
 * (public, rate limited together).
 */
export function postingsRouter(context: JobboardContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const employer = await authenticateEmployer(context.store, bearerToken(req));
    const input = parseBody(postingInputSchema, req.body);
    const posting = await createPosting(context.store, employer, input, context.now(), {
      bitcoinNetwork: context.bitcoinNetwork,
    });
    context.log.info('posting created', { postingId: posting.id, employerId: employer.id });
    res.status(201).json(posting);
  });
  router.get('/', async (_req, res) => {
    res.json({ postings: await listPostings(context.store) });
  });
  router.get('/:id', async (req, res) => {
    const posting = await getPosting(context.store, req.params.id);
    const task = paidTaskSummaryOf(await context.store.ledgerEntriesOfTask(posting.id));
    res.json({ ...posting, ...(task ? { task } : {}) });
  });
  router.post('/:id/presentation-request', async (req, res) => {
    await context.presentationRequestLimiter.hit(req.ip ?? 'unknown', 'presentation requests');
    const request = await createPresentationRequest(context.store, req.params.id, {
      domain: context.domain,
      now: context.now(),
      nonceTtlSeconds: context.nonceTtlSeconds,
    });
    res.status(201).json(request);
  });
  router.post('/:id/openid4vp-requests', async (req, res) => {
    if (!context.openid4vp) {
      throw new SkillproofError('NOT_FOUND', 'this board does not offer OpenID4VP');
    }
    await context.presentationRequestLimiter.hit(req.ip ?? 'unknown', 'presentation requests');
    const request = await createOpenid4vpRequest(
      context.store,
      context.openid4vp,
      req.params.id,
      context.now(),
    );
    res.status(201).json(request);
  });
  return router;
}
