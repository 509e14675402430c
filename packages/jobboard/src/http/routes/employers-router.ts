import { assertAdmin, parseBody } from '@skillproof/core/http';
import { Router } from 'express';
import { createEmployer, employerInputSchema } from '../../domain/create-employer.js';
import type { JobboardContext } from '../create-app.js';

/** `POST /api/employers` (admin): creates an employer and shows its token once. */
export function employersRouter(context: JobboardContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    assertAdmin(req, context.adminToken);
    const input = parseBody(employerInputSchema, req.body);
    const employer = await createEmployer(context.store, input, context.now());
    context.log.info('employer created', { employerId: employer.id });
    res.status(201).json(employer);
  });
  return router;
}
