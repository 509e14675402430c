import type { RequestHandler } from 'express';
import { boundedBody } from '../http/bounded-body.js';

/**
 * Reads the pages' form posts: only `application/x-www-form-urlencoded` (a JSON or text body
 * posted to a page is refused with 415), at most 64 KiB and 1,000 fields; a POST without a body
 * is an empty form, so that every page reads its fields the same way.
 *
 * @example
 * ```ts
 * router.use(...formBody());
 * ```
 */
export function formBody(): RequestHandler[] {
  return [
    boundedBody({ kind: 'form', maxBytes: 64 * 1024, maxMembers: 1000 }),
    (req, _res, next) => {
      if (req.method === 'POST' && req.body === undefined) {
        req.body = Object.create(null) as Record<string, never>;
      }
      next();
    },
  ];
}
