import type { SkillproofError } from '@skillproof/core';
import { errorPageHeading } from '@skillproof/server/web';
import type { Response } from 'express';
import { sendPage, type IssuerWebContext } from './web-context.js';

/**
 * Answers an error on a learner's page: an HTML page with the error's status and a way back to
 * the badges, never JSON and never a stack. The app's one error middleware calls it for every
 * page path, with the status it took from core's table.
 *
 * @example
 * ```ts
 * createErrorHandler({ log, answerOtherwise: (req, res, error, status) => … sendErrorPage(web, res, error, status) });
 * ```
 */
export function sendErrorPage(
  web: IssuerWebContext,
  res: Response,
  error: SkillproofError,
  status: number,
): void {
  sendPage(web, res, status, 'error.njk', {
    title: errorPageHeading(status),
    status,
    message:
      error.code === 'INTERNAL' ? 'The issuer could not finish this request.' : error.message,
  });
}
