import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isSkillproofError, SkillproofError } from '@skillproof/core';
import { isTransientDatabaseError } from '../database/is-transient-database-error.js';
import { isUnstorableTextError } from '../database/is-unstorable-text-error.js';

/** Where a service writes what it can't show its clients. */
export interface ErrorLog {
  error(message: string, details?: Record<string, unknown>): void;
}

/** Options of {@link createErrorHandler}. */
export interface ErrorHandlerOptions {
  log: ErrorLog;
  /**
   * Answers a request some other way than JSON (a web page) and returns true, or returns false
   * to let the JSON answer go out. `status` is the error's, from the one table.
   */
  answerOtherwise?: (
    req: Request,
    res: Response,
    error: SkillproofError,
    status: number,
  ) => boolean;
  /** Fields to send beside `error` in a JSON answer (e.g. a rejected presentation's checks). */
  extraBody?: (error: SkillproofError) => Record<string, unknown> | undefined;
}

/** The catch-all for unknown routes: 404 `{error:{code:'NOT_FOUND'}}`. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new SkillproofError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

/**
 * The one error middleware of every Skillproof app: a {@link SkillproofError} becomes its status
 * from core's one table and `{error:{code,message}}` (or, through `answerOtherwise`, a web page);
 * a `RATE_LIMITED`, `UPSTREAM_UNAVAILABLE` or `SERVICE_UNAVAILABLE` error sets `Retry-After`;
 * Express's own 4xx errors, and text the database can't store (a NUL character), become
 * `VALIDATION_FAILED`; a database that is down or restarting
 * (`isTransientDatabaseError`) is logged and answered 503 `SERVICE_UNAVAILABLE`; anything else
 * is logged and answered as a bare `INTERNAL`, never with its message or stack.
 *
 * @example
 * ```ts
 * app.use(notFoundHandler);
 * app.use(createErrorHandler({ log }));
 * ```
 */
export function createErrorHandler(options: ErrorHandlerOptions): ErrorRequestHandler {
  const { log } = options;
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toSkillproofError(error);
    if (known.code === 'INTERNAL') {
      log.error('unhandled error', { error: error instanceof Error ? error.stack : String(error) });
    } else if (known.code === 'SERVICE_UNAVAILABLE' && !isSkillproofError(error)) {
      log.error('the database is unavailable', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    const retryAfter = retryAfterSecondsOf(known);
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    const status = known.status;
    if (options.answerOtherwise?.(req, res, known, status) === true) return;
    res.status(status).json({ ...known.toBody(), ...options.extraBody?.(known) });
  };
}

/**
 * The `Retry-After` of an error, in whole seconds (RFC 9110 §10.2.3), or `undefined` for an
 * error that has none: a `RATE_LIMITED`, `UPSTREAM_UNAVAILABLE` or `SERVICE_UNAVAILABLE` error carries it as
 * `details.retryAfterSeconds` (1 when it does not say). For error answers in another shape
 * (OAuth's) than {@link createErrorHandler}'s.
 *
 * @example
 * ```ts
 * const retryAfter = retryAfterSecondsOf(error);
 * if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
 * ```
 */
export function retryAfterSecondsOf(error: SkillproofError): number | undefined {
  if (
    error.code !== 'RATE_LIMITED' &&
    error.code !== 'UPSTREAM_UNAVAILABLE' &&
    error.code !== 'SERVICE_UNAVAILABLE'
  ) {
    return undefined;
  }
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0
    ? Math.max(1, Math.ceil(seconds))
    : 1;
}

function toSkillproofError(error: unknown): SkillproofError {
  if (isSkillproofError(error)) return error;
  // Express's own errors (a malformed URL, say) carry a 4xx `status`.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new SkillproofError('VALIDATION_FAILED', 'the request could not be read');
  }
  if (isUnstorableTextError(error)) {
    return new SkillproofError(
      'VALIDATION_FAILED',
      'the request holds characters that cannot be stored (such as NUL)',
    );
  }
  if (isTransientDatabaseError(error)) {
    return new SkillproofError(
      'SERVICE_UNAVAILABLE',
      'the service is unavailable just now: nothing was recorded, try again shortly',
      { retryAfterSeconds: 1 },
    );
  }
  return new SkillproofError('INTERNAL', 'internal error');
}
