import type { SkillproofError } from '@skillproof/core';
import { errorPageHeading } from '@skillproof/server/web';
import type { Request, Response } from 'express';
import { sendPage, type WebContext } from './web-context.js';

/**
 * Answers an error on a web page: a friendly HTML page with the error's status, never JSON and
 * never a stack; a signed-out visitor of an employer page is sent to the sign-in page instead.
 * The app's one error middleware (`http/error-handler.ts`) calls it for every path outside
 * `/api`, with the status it took from core's table.
 *
 * @example
 * ```ts
 * createErrorHandler({ log, sendErrorPage: (req, res, error, status) => sendErrorPage(web, req, res, error, status) });
 * ```
 */
export function sendErrorPage(
  web: WebContext,
  req: Request,
  res: Response,
  error: SkillproofError,
  status: number,
): void {
  if (error.code === 'UNAUTHORIZED' && (req.method === 'GET' || req.method === 'HEAD')) {
    res.redirect(303, `${web.basePath}/sign-in`);
    return;
  }
  sendPage(web, res, status, 'error.njk', {
    title: errorPageHeading(status),
    status,
    message:
      error.code === 'INTERNAL' ? 'The job board could not finish this request.' : error.message,
  });
}
