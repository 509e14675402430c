import { SkillproofError } from '@skillproof/core';
import type { ApplicationView, Employer } from '../jobboard-types.js';
import { getOwnedPosting } from './get-owned-posting.js';
import { recheckApplication, type RecheckDeps } from './recheck-application.js';

/**
 * One application to a posting, for the employer who owns it, with its credentials' status
 * re-checked now (see {@link recheckApplication}).
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting or application, `FORBIDDEN` when
 * the posting belongs to another employer.
 * @example
 * ```ts
 * const application = await getApplication(context, employer, postingId, applicationId);
 * ```
 */
export async function getApplication(
  deps: RecheckDeps,
  employer: Employer,
  postingId: string,
  applicationId: string,
): Promise<ApplicationView> {
  const posting = await getOwnedPosting(deps.store, employer, postingId);
  const stored = await deps.store.findApplication(posting.id, applicationId);
  if (!stored) throw new SkillproofError('NOT_FOUND', `no application ${applicationId}`);
  return recheckApplication(deps, posting, stored);
}
