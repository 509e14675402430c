import express, { type RequestHandler } from 'express';
import { SkillproofError } from '@skillproof/core';

/**
 * Parses a JSON body of at most `limit` (default 100 kB). A POST without a JSON content type is
 * refused, so a form post or a text body can't reach a handler as `undefined`.
 */
export function jsonBody(limit: string | number = '100kb'): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (hasBody && !req.is('application/json')) {
      next(
        new SkillproofError(
          'VALIDATION_FAILED',
          'the body must be JSON (Content-Type: application/json)',
        ),
      );
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit, strict: false })];
}
