import type { SkillproofError } from '@skillproof/core';
import { createErrorHandler as createServerErrorHandler } from '@skillproof/server/http';
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

// A rejected presentation carries the verifier's step log, so the applicant sees which step failed.
function checksOf(error: SkillproofError): { checks: unknown[] } | undefined {
  const checks = (error.details as { checks?: unknown } | undefined)?.checks;
  return Array.isArray(checks) ? { checks } : undefined;
}

/**
 * The job board's one error middleware, for its API and its pages alike: the server's one
 * error middleware (every status from core's `httpStatusByErrorCode`), answering under `/api`
 * with `{error:{code,message}}` and the verifier's `checks` beside it when it carries them (a
 * rejected presentation), and elsewhere with the web pages' error page.
 *
 * @example
 * ```ts
 * app.use(createErrorHandler({ log, sendErrorPage: (req, res, error, status) => … }));
 * ```
 */
export function createErrorHandler(options: ErrorHandlerOptions): ErrorRequestHandler {
  return createServerErrorHandler({
    log: options.log,
    answerOtherwise: (req, res, error, status) => {
      if (isApiPath(req.path)) return false;
      options.sendErrorPage(req, res, error, status);
      return true;
    },
    extraBody: checksOf,
  });
}
