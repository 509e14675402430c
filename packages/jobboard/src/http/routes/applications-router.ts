import { bearerToken, parseBody } from '@skillproof/core/http';
import { Router } from 'express';
import { authenticateEmployer } from '../../domain/authenticate-employer.js';
import { applicationInputSchema, decideApplication } from '../../domain/decide-application.js';
import { listApplications } from '../../domain/list-applications.js';
import type { JobboardContext } from '../create-app.js';

/**
 * `POST /api/postings/:id/applications` (an applicant's presentation, decided at once) and
 * `GET /api/postings/:id/applications` (the posting's employer only).
 */
export function applicationsRouter(context: JobboardContext): Router {
  const router = Router();
  router.post('/:id/applications', async (req, res) => {
    const input = parseBody(applicationInputSchema, req.body);
    const application = await decideApplication(context, req.params.id, input);
    context.log.info('application decided', {
      applicationId: application.id,
      postingId: application.postingId,
      qualified: application.qualified,
    });
    res.status(201).json(application);
  });
  router.get('/:id/applications', async (req, res) => {
    const employer = await authenticateEmployer(context.store, bearerToken(req));
    const applications = await listApplications(context.store, employer, req.params.id);
    res.json({ applications });
  });
  return router;
}
