import { bearerToken, parseBody } from '@skillproof/server/http';
import { Router } from 'express';
import { authenticateEmployer } from '../../domain/authenticate-employer.js';
import { createPosting } from '../../domain/create-posting.js';
import { createPresentationRequest } from '../../domain/create-presentation-request.js';
import { getPosting } from '../../domain/get-posting.js';
import { listPostings } from '../../domain/list-postings.js';
import { postingInputSchema } from '../../domain/posting-input.js';
import type { JobboardContext } from '../../jobboard-context.js';

/**
 * `POST /api/postings` (employer), `GET /api/postings`, `GET /api/postings/:id` and
 * `POST /api/postings/:id/presentation-request` (public).
 */
export function postingsRouter(context: JobboardContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const employer = await authenticateEmployer(context.store, bearerToken(req));
    const input = parseBody(postingInputSchema, req.body);
    const posting = await createPosting(context.store, employer, input, context.now());
    context.log.info('posting created', { postingId: posting.id, employerId: employer.id });
    res.status(201).json(posting);
  });
  router.get('/', async (_req, res) => {
    res.json({ postings: await listPostings(context.store) });
  });
  router.get('/:id', async (req, res) => {
    res.json(await getPosting(context.store, req.params.id));
  });
  router.post('/:id/presentation-request', async (req, res) => {
    context.presentationRequestLimiter.hit(req.ip ?? 'unknown', 'presentation requests');
    const request = await createPresentationRequest(context.store, req.params.id, {
      domain: context.domain,
      now: context.now(),
      nonceTtlSeconds: context.nonceTtlSeconds,
    });
    res.status(201).json(request);
  });
  return router;
}
