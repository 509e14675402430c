import { isSkillproofError } from '@skillproof/core';
import { boundedBody, retryAfterSecondsOf } from '@skillproof/server/http';
import { Router, type ErrorRequestHandler } from 'express';
import type { JobboardContext } from '../../jobboard-context.js';
import { answerOpenid4vpRequest } from '../../openid4vp/answer-openid4vp-request.js';
import { Openid4vpError } from '../../openid4vp/openid4vp-error.js';
import type { Openid4vpSettings } from '../../openid4vp/openid4vp-settings.js';
import { signOpenid4vpRequest } from '../../openid4vp/sign-openid4vp-request.js';

/** The most a wallet may post: a vp_token of a few badges fits in a fraction of it. */
const maxResponseBytes = 256 * 1024;

// A wallet reads OAuth errors (RFC 6749 §5.2), never the board's own shape or an error page.
const oauthErrors =
  (context: JobboardContext): ErrorRequestHandler =>
  (error: unknown, _req, res, _next) => {
    if (error instanceof Openid4vpError) {
      res.status(error.status).json({ error: error.error, error_description: error.message });
      return;
    }
    if (isSkillproofError(error) && error.code === 'UPSTREAM_UNAVAILABLE') {
      const retryAfter = retryAfterSecondsOf(error);
      if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
      res.status(503).json({ error: 'temporarily_unavailable', error_description: error.message });
      return;
    }
    // The body readers' refusals (413 too large, 415 not a form, 400 malformed) keep their
    // status from core's table; Express's own (a path that does not decode) carry a 4xx too.
    const status = isSkillproofError(error)
      ? error.status
      : (error as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({
        error: 'invalid_request',
        error_description: isSkillproofError(error) ? error.message : 'bad request',
      });
      return;
    }
    context.log.error('an OpenID4VP request failed', {
      error: error instanceof Error ? error.message : String(error),
    });
    res.status(500).json({ error: 'server_error', error_description: 'internal error' });
  };

/**
 * The board's OpenID4VP verifier endpoints (OpenID4VP 1.0): `GET /oid4vp/requests/:id`, the
 * signed request object a wallet fetches by reference (§5.10), and `POST /oid4vp/responses/:id`,
 * the wallet's `direct_post` answer (§8.2), decided at once. Errors in the OAuth shape.
 *
 * @example
 * ```ts
 * app.use('/oid4vp', openid4vpRouter(context, settings));
 * ```
 */
export function openid4vpRouter(context: JobboardContext, settings: Openid4vpSettings): Router {
  const router = Router();
  router.get('/requests/:id', async (req, res) => {
    const jwt = await signOpenid4vpRequest(context.store, settings, req.params.id, context.now());
    res.set('Cache-Control', 'no-store').type('application/oauth-authz-req+jwt').send(jwt);
  });
  router.post<{ id: string }>(
    '/responses/:id',
    boundedBody({ kind: 'form', maxBytes: maxResponseBytes, maxMembers: 16 }),
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const answer = await answerOpenid4vpRequest(
        { ...context, openid4vp: settings },
        req.params.id,
        body,
      );
      context.log.info('OpenID4VP application decided', {
        applicationId: answer.application.id,
        requestId: req.params.id,
        qualified: answer.application.qualified,
      });
      res.set('Cache-Control', 'no-store').json(answer);
    },
  );
  router.use(oauthErrors(context));
  return router;
}
