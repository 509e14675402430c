import { SkillproofError } from '@skillproof/core';
import { Router } from 'express';
import type { DatabaseReadiness } from '../database/migrate-database.js';

/** Options of {@link healthRouter}. */
export interface HealthRouterOptions {
  /** Whether the service can serve: its database answers and is migrated. */
  readiness: () => Promise<DatabaseReadiness>;
}

/**
 * `GET /healthz`: 200 while the process runs (liveness: restart it when this fails).
 * `GET /readyz`: 200 when {@link HealthRouterOptions.readiness} says ready, else 503
 * `SERVICE_UNAVAILABLE` (readiness: send it no traffic for now). Neither touches a session
 * or a rate limit, so a load balancer may ask as often as it likes.
 *
 * @example
 * ```ts
 * app.use(healthRouter({ readiness: () => checkDatabaseReadiness(database, { jobboard: 6 }) }));
 * ```
 */
export function healthRouter(options: HealthRouterOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const readiness = await options.readiness();
    res.set('Cache-Control', 'no-store');
    if (readiness.ready) {
      res.json({ status: 'ready' });
      return;
    }
    const error = new SkillproofError(
      'SERVICE_UNAVAILABLE',
      readiness.reason ?? 'the service is not ready',
    );
    res.set('Retry-After', '1').status(error.status).json(error.toBody());
  });
  return router;
}
