import { assertAdmin, parseBody } from '@skillproof/server/http';
import { Router } from 'express';
import { createEmployer, employerInputSchema } from '../../domain/create-employer.js';
import type { JobboardContext } from '../../jobboard-context.js';

/**
 * `POST /api/employers` (admin): creates an employer and shows its token (and, for one with an
 * email but no password, its one-time password) once.
 */
export function employersRouter(context: JobboardContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    assertAdmin(req, context.adminToken);
    const input = parseBody(employerInputSchema, req.body);
    const employer = await createEmployer(
      context.store,
      input,
      context.now(),
      context.passwordLogN === undefined ? {} : { passwordLogN: context.passwordLogN },
    );
    context.log.info('employer created', { employerId: employer.id });
    res.status(201).json(employer);
  });
  return router;
}
