import type { Employer, ApplicationView } from '../jobboard-types.js';
import { getOwnedPosting } from './get-owned-posting.js';
import { recheckApplication, type RecheckDeps } from './recheck-application.js';

/**
 * The applications to a posting, one per person, oldest first, for the employer who owns it:
 * each person's current decision as it was made, with the status of its credentials re-checked
 * now (see {@link recheckApplication}), so a badge revoked after applying is flagged, and the
 * decisions on their earlier applications as `history`.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting, `FORBIDDEN` when it belongs to
 * another employer.
 * @example
 * ```ts
 * const applications = await listApplications(context, employer, postingId);
 * applications.filter((application) => application.flags.length > 0);
 * ```
 */
export async function listApplications(
  deps: RecheckDeps,
  employer: Employer,
  postingId: string,
): Promise<ApplicationView[]> {
  const posting = await getOwnedPosting(deps.store, employer, postingId);
  const stored = await deps.store.listApplications(posting.id);
  return Promise.all(stored.map((application) => recheckApplication(deps, posting, application)));
}
