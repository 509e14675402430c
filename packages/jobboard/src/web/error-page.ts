import type { SkillproofError } from '@skillproof/core';
import type { Request, Response } from 'express';
import { sendPage, type WebContext } from './web-context.js';

// The error page's heading, by the status the error maps to (core's one table decides that).
const headings: Record<number, string> = {
  400: 'That did not work',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Not found',
  413: 'Too much',
  429: 'Slow down',
  500: 'Something went wrong',
};

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
    title: headings[status] ?? 'That did not work',
    status,
    message:
      error.code === 'INTERNAL' ? 'The job board could not finish this request.' : error.message,
  });
}
