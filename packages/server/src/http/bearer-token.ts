import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { SkillproofError } from '@skillproof/core';

/** The bearer token of a request, or `undefined`. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(header.trim());
  return match?.[1];
}

/** Compares two secrets in constant time (on their hashes, so lengths leak nothing either). */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );
}

/**
 * Throws `UNAUTHORIZED` unless the request carries `Bearer <adminToken>`.
 *
 * @throws SkillproofError `UNAUTHORIZED`
 */
export function assertAdmin(req: Request, adminToken: string | undefined): void {
  const token = bearerToken(req);
  if (!adminToken || !token || !secretsEqual(token, adminToken)) {
    throw new SkillproofError('UNAUTHORIZED', 'an admin bearer token is required');
  }
}
