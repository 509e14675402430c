import type { RequestHandler } from 'express';
import { boundedBody } from './bounded-body.js';

/**
 * Reads a JSON body of at most `limit` (default 100 kB) through the one {@link boundedBody}
 * reader. A POST without a JSON content type is refused, so a form post or a text body can't
 * reach a handler as `undefined`.
 */
export function jsonBody(limit: string | number = '100kb'): RequestHandler[] {
  return [boundedBody({ kind: 'json', maxBytes: bytesOf(limit) })];
}

function bytesOf(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(limit.trim());
  if (!match) throw new TypeError(`not a size: ${limit}`);
  const unit = (match[2] ?? 'b').toLowerCase();
  return Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}
