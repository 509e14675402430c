import { isSkillproofError } from '@skillproof/core';
import type { ErrorRequestHandler } from 'express';

/**
 * Answers a {@link SkillproofError} that carries `details.checks` (a rejected presentation)
 * with its verification log next to the error, so the applicant sees which step failed:
 * `{error:{code,message}, checks}`. Any other error goes on to the core error handler.
 */
export const checksErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const checks = isSkillproofError(error)
    ? (error.details as { checks?: unknown } | undefined)?.checks
    : undefined;
  if (!isSkillproofError(error) || !Array.isArray(checks) || res.headersSent) {
    next(error);
    return;
  }
  res.status(error.status).json({ ...error.toBody(), checks });
};
