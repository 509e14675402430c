import type { JobboardContext } from '../jobboard-context.js';
import type { ApplicationView, Employer } from '../jobboard-types.js';
import { listApplications } from '../domain/list-applications.js';
import { postingFunnel, type PostingFunnel } from '../domain/posting-funnel.js';

/** One bar of the funnel chart. */
export interface FunnelBar {
  label: string;
  count: number;
  /** Width in percent of the widest bar (the applicants), at least 1 so that 0 still shows. */
  width: number;
  kind: 'applied' | 'qualified' | 'reason';
}

/** The applicants of a posting and its funnel, ready for `applicants.njk`. */
export interface ApplicantsView {
  applications: ApplicationView[];
  funnel: PostingFunnel & { bars: FunnelBar[] };
}

/**
 * The applications to a posting, their credentials' status re-checked now, and the funnel
 * chart's bars: applied, qualified, and the most frequent reasons for not qualifying.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting, `FORBIDDEN` when it belongs to
 * another employer.
 * @example
 * ```ts
 * const { applications, funnel } = await loadApplicants(context, session.employer, postingId);
 * ```
 */
export async function loadApplicants(
  context: JobboardContext,
  employer: Employer,
  postingId: string,
): Promise<ApplicantsView> {
  const funnel = await postingFunnel(context.store, employer, postingId);
  const applications = await listApplications(context, employer, postingId);
  const width = (count: number) =>
    funnel.applied === 0 ? 1 : Math.max(1, Math.round((count / funnel.applied) * 100));
  return {
    applications,
    funnel: {
      ...funnel,
      bars: [
        { label: 'Applied', count: funnel.applied, width: width(funnel.applied), kind: 'applied' },
        {
          label: 'Qualified',
          count: funnel.qualified,
          width: width(funnel.qualified),
          kind: 'qualified',
        },
        ...funnel.topReasons.map((reason) => ({
          label: reason.label,
          count: reason.count,
          width: width(reason.count),
          kind: 'reason' as const,
        })),
      ],
    },
  };
}
