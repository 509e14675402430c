import { SkillproofError } from '@skillproof/core';
import { hashToken } from '@skillproof/core';
import type { IssuerContext } from './issuer-context.js';

/**
 * The DID of the learner whose session `token` opens.
 *
 * @throws SkillproofError `UNAUTHORIZED` when there is no token, or it is unknown or expired.
 * @example
 * ```ts
 * const did = await authenticateSession(ctx, bearerToken(req));
 * ```
 */
export async function authenticateSession(
  ctx: IssuerContext,
  token: string | undefined,
): Promise<string> {
  if (token === undefined) {
    throw new SkillproofError(
      'UNAUTHORIZED',
      'a session bearer token is required (POST /auth/token)',
    );
  }
  const session = await ctx.store.findSession(hashToken(token), ctx.now().toISOString());
  if (!session) throw new SkillproofError('UNAUTHORIZED', 'the session is unknown or has expired');
  return session.did;
}
