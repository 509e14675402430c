import { bearerToken, parseBody } from '@skillproof/server/http';
import { Router } from 'express';
import { authenticateEmployer } from '../../domain/authenticate-employer.js';
import { applicationInputSchema, decideApplication } from '../../domain/decide-application.js';
import { getApplication } from '../../domain/get-application.js';
import { listApplications } from '../../domain/list-applications.js';
import type { JobboardContext } from '../../jobboard-context.js';

/**
 * `POST /api/postings/:id/applications` (an applicant's presentation, decided at once),
 * `GET /api/postings/:id/applications` and `GET /api/postings/:id/applications/:applicationId`
 * (the posting's employer only; credential status re-checked on every view).
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
    const applications = await listApplications(context, employer, req.params.id);
    res.json({ applications });
  });
  router.get('/:id/applications/:applicationId', async (req, res) => {
    const employer = await authenticateEmployer(context.store, bearerToken(req));
    res.json(await getApplication(context, employer, req.params.id, req.params.applicationId));
  });
  return router;
}
