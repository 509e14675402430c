import { isSkillproofError, SkillproofError } from '@skillproof/core';
import type { ErrorRequestHandler } from 'express';
import { sendPage, type WebContext } from './web-context.js';

const headings: Record<number, string> = {
  400: 'That did not work',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  413: 'Too much',
  429: 'Slow down',
  500: 'Something went wrong',
};

function toSkillproofError(error: unknown): SkillproofError {
  if (isSkillproofError(error)) return error;
  // body-parser's own errors carry a 4xx `status` and a `type`.
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (type === 'entity.too.large') {
    return new SkillproofError('PAYLOAD_TOO_LARGE', 'the form is too large');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new SkillproofError('VALIDATION_FAILED', 'the form could not be read');
  }
  return new SkillproofError('INTERNAL', 'internal error');
}

/**
 * The web pages' error handler: a friendly HTML page with the error's status (404, 403, 400,
 * 429 with `Retry-After`…), never JSON and never a stack. A signed-out visitor of an employer
 * page is sent to the sign-in page instead.
 *
 * @example
 * ```ts
 * router.use(webErrorHandler(web)); // last in the web router
 * ```
 */
export function webErrorHandler(web: WebContext): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toSkillproofError(error);
    if (known.code === 'INTERNAL') {
      web.jobboard.log.error('unhandled error', {
        error: error instanceof Error ? error.stack : String(error),
      });
    }
    if (known.code === 'UNAUTHORIZED' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.redirect(303, `${web.basePath}/sign-in`);
      return;
    }
    if (known.code === 'RATE_LIMITED') {
      const seconds = (known.details as { retryAfterSeconds?: number } | undefined)
        ?.retryAfterSeconds;
      res.set('Retry-After', String(Math.ceil(seconds ?? 1)));
    }
    const status = known.status;
    sendPage(web, res, status, 'error.njk', {
      title: headings[status] ?? 'That did not work',
      status,
      message:
        known.code === 'INTERNAL' ? 'The job board could not finish this request.' : known.message,
    });
  };
}
