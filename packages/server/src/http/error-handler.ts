import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isSkillproofError, SkillproofError } from '@skillproof/core';

/** Where a service writes what it can't show its clients. */
export interface ErrorLog {
  error(message: string, details?: Record<string, unknown>): void;
}

/** The catch-all for unknown routes: 404 `{error:{code:'NOT_FOUND'}}`. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new SkillproofError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

/**
 * Express error middleware: a {@link SkillproofError} becomes its status and
 * `{error:{code,message}}`; body-parser's own errors (bad JSON, too large) become
 * `MALFORMED_JSON` / `PAYLOAD_TOO_LARGE`; anything else is logged and answered as a bare
 * `INTERNAL`, never with its message or stack.
 */
export function createErrorHandler(log: ErrorLog): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toSkillproofError(error);
    if (known.code === 'INTERNAL') {
      log.error('unhandled error', { error: error instanceof Error ? error.stack : String(error) });
    }
    const retryAfter = retryAfterSecondsOf(known);
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    res.status(known.status).json(known.toBody());
  };
}

// RFC 9110 §10.2.3: Retry-After in whole seconds. A RATE_LIMITED error carries it as
// `details.retryAfterSeconds`.
function retryAfterSecondsOf(error: SkillproofError): number | undefined {
  if (error.code !== 'RATE_LIMITED') return undefined;
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.ceil(seconds)
    : 1;
}

function toSkillproofError(error: unknown): SkillproofError {
  if (isSkillproofError(error)) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed')
    return new SkillproofError('MALFORMED_JSON', 'the body is not valid JSON');
  if (type === 'entity.too.large')
    return new SkillproofError('PAYLOAD_TOO_LARGE', 'the body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new SkillproofError('VALIDATION_FAILED', 'the body encoding is not supported');
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new SkillproofError('VALIDATION_FAILED', 'the request could not be read');
  }
  return new SkillproofError('INTERNAL', 'internal error');
}
