import type { Request } from 'express';
import { bearerToken } from '@skillproof/server/http';
import { authenticateSession } from '../domain/authenticate-session.js';
import type { IssuerContext } from '../domain/issuer-context.js';

/**
 * The DID of the learner signed in with the request's session bearer token.
 *
 * @throws SkillproofError `UNAUTHORIZED` without a valid session.
 */
export function learnerDid(ctx: IssuerContext, req: Request): Promise<string> {
  return authenticateSession(ctx, bearerToken(req));
}
