import { SkillproofError } from '@skillproof/core';
import type { JobboardStore } from '../ports/jobboard-store.js';
import type { Employer } from '../jobboard-types.js';
import { hashToken } from '@skillproof/core';

/**
 * The employer whose bearer token this is. Tokens are looked up by their SHA-256, so the
 * database never holds one and the lookup compares hashes, not secrets.
 *
 * @throws SkillproofError `UNAUTHORIZED` when the token is missing or unknown.
 */
export async function authenticateEmployer(
  store: JobboardStore,
  token: string | undefined,
): Promise<Employer> {
  const employer =
    token === undefined ? undefined : await store.findEmployerByTokenHash(hashToken(token));
  if (!employer) throw new SkillproofError('UNAUTHORIZED', 'an employer bearer token is required');
  return employer;
}
