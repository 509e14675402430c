import type { JobboardStore } from '../ports/jobboard-store.js';
import { getOwnedPosting } from './get-owned-posting.js';
import type { Employer, RequirementOutcomeCode } from '../jobboard-types.js';

/** A reason applicants did not qualify, and how many times it was given. */
export interface FunnelReason {
  requirementId: string;
  code: RequirementOutcomeCode;
  /** The requirement in plain words, then what went wrong. */
  label: string;
  /** What went wrong, in a few words (`score too low`). */
  problem: string;
  count: number;
}

/** How a posting's applicants fared: applied, qualified, and why the others did not. */
export interface PostingFunnel {
  /** People who applied (a repeat application replaces the earlier one). */
  applied: number;
  /** Of them, those whose current application qualified. */
  qualified: number;
  notQualified: number;
  /** The most frequent reasons for not qualifying, most first (at most 5). */
  topReasons: FunnelReason[];
}

const whatWentWrong: Record<Exclude<RequirementOutcomeCode, 'met'>, string> = {
  missing: 'not presented',
  'untrusted-issuer': 'issuer not accepted',
  revoked: 'revoked',
  suspended: 'suspended',
  expired: 'expired',
  'score-too-low': 'score too low',
  'too-old': 'not earned or renewed recently enough',
  'not-aligned': 'no badge aligned to the skill',
  'not-enough': 'not enough of the badges',
  invalid: 'did not verify',
};

/**
 * The funnel of a posting for the employer who owns it, from each person's current decision
 * (people, not submissions): how many applied, how many qualified, and the top reasons (per
 * requirement and code) for not qualifying.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting, `FORBIDDEN` when it belongs to
 * another employer.
 * @example
 * ```ts
 * const { applied, qualified, topReasons } = await postingFunnel(store, employer, postingId);
 * ```
 */
export async function postingFunnel(
  store: JobboardStore,
  employer: Employer,
  postingId: string,
): Promise<PostingFunnel> {
  const posting = await getOwnedPosting(store, employer, postingId);
  const applications = await store.listApplications(posting.id);
  const reasons = new Map<string, FunnelReason>();
  for (const application of applications) {
    if (application.qualified) continue;
    for (const outcome of application.requirements) {
      if (outcome.met || outcome.code === 'met') continue;
      const key = `${outcome.id} ${outcome.code}`;
      const known = reasons.get(key);
      if (known) {
        known.count += 1;
        continue;
      }
      const requirement = posting.requirements.find((clause) => clause.id === outcome.id);
      reasons.set(key, {
        requirementId: outcome.id,
        code: outcome.code,
        label: `${requirement?.description ?? outcome.id}: ${whatWentWrong[outcome.code]}`,
        problem: whatWentWrong[outcome.code],
        count: 1,
      });
    }
  }
  const qualified = applications.filter((application) => application.qualified).length;
  return {
    applied: applications.length,
    qualified,
    notQualified: applications.length - qualified,
    topReasons: [...reasons.values()]
      .sort((a, b) => b.count - a.count || a.requirementId.localeCompare(b.requirementId))
      .slice(0, 5),
  };
}
