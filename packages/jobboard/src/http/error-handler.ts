import { httpStatusByErrorCode, isSkillproofError, SkillproofError } from '@skillproof/core';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { isApiPath } from '../is-api-path.js';
import type { JobboardLog } from '../jobboard-context.js';

/** Answers an error with a page, for a request outside `/api`; `status` is the error's. */
export type ErrorPageSender = (
  req: Request,
  res: Response,
  error: SkillproofError,
  status: number,
) => void;

/** What {@link createErrorHandler} needs. */
export interface ErrorHandlerOptions {
  log: Pick<JobboardLog, 'error'>;
  /** The web pages' error page (see `web/error-page.ts`). */
  sendErrorPage: ErrorPageSender;
}

// What the request carried, in the words of its audience: a person posts a form, a client a body.
function toSkillproofError(error: unknown, what: 'form' | 'body'): SkillproofError {
  if (isSkillproofError(error)) return error;
  // body-parser's own errors carry a `type` and a 4xx `status`.
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') {
    return new SkillproofError('MALFORMED_JSON', `the ${what} is not valid JSON`);
  }
  if (type === 'entity.too.large') {
    return new SkillproofError('PAYLOAD_TOO_LARGE', `the ${what} is too large`);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new SkillproofError('VALIDATION_FAILED', `the ${what} encoding is not supported`);
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new SkillproofError(
      'VALIDATION_FAILED',
      `the ${what === 'form' ? 'form' : 'request'} could not be read`,
    );
  }
  return new SkillproofError('INTERNAL', 'internal error');
}

// RFC 9110 §10.2.3: Retry-After in whole seconds. A RATE_LIMITED error carries it as
// `details.retryAfterSeconds`.
function retryAfterSecondsOf(error: SkillproofError): number | undefined {
  if (error.code !== 'RATE_LIMITED') return undefined;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.max(1, Math.ceil(seconds))
    : 1;
}

// A rejected presentation carries the verifier's step log, so the applicant sees which step failed.
function checksOf(error: SkillproofError): unknown[] | undefined {
  const checks = (error.details as { checks?: unknown } | undefined)?.checks;
  return Array.isArray(checks) ? checks : undefined;
}

/**
 * The job board's one error middleware, for its API and its pages alike. Every status comes from
 * core's `httpStatusByErrorCode`. Under `/api` an error is answered as
 * `{error:{code,message}}`, with the verifier's `checks` beside it when it carries them (a
 * rejected presentation); elsewhere as the web pages' error page. A RATE_LIMITED error sets
 * `Retry-After`. Anything that is not a {@link SkillproofError} (body-parser's errors aside) is
 * logged and answered as a bare `INTERNAL`, never with its message or stack.
 *
 * @example
 * ```ts
 * app.use(createErrorHandler({ log, sendErrorPage: (req, res, error, status) => … }));
 * ```
 */
export function createErrorHandler(options: ErrorHandlerOptions): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const api = isApiPath(req.path);
    const known = toSkillproofError(error, api ? 'body' : 'form');
    if (known.code === 'INTERNAL') {
      options.log.error('unhandled error', {
        error: error instanceof Error ? error.stack : String(error),
      });
    }
    const status = httpStatusByErrorCode[known.code];
    const retryAfter = retryAfterSecondsOf(known);
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    if (!api) {
      options.sendErrorPage(req, res, known, status);
      return;
    }
    const checks = checksOf(known);
    res.status(status).json({ ...known.toBody(), ...(checks === undefined ? {} : { checks }) });
  };
}
