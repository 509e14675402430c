import type { OutcomeCredential } from '@skillproof/core';
import type { JobboardContext } from '../jobboard-context.js';
import type {
  ApplicationView,
  Employer,
  Posting,
  RequirementOutcomeView,
} from '../jobboard-types.js';
import { listApplications } from '../domain/list-applications.js';
import { postingFunnel, type PostingFunnel } from '../domain/posting-funnel.js';
import { applicantLabel } from './applicant-label.js';
import type { IssuerCatalogs } from './issuer-catalogs.js';
import { loadPageNames } from './page-names.js';
import { requirementView, type RequirementView } from './requirement-view.js';

/** One bar of the funnel chart. */
export interface FunnelBar {
  label: string;
  count: number;
  /** Width in percent of the widest bar (the applicants), at least 1 so that 0 still shows. */
  width: number;
  kind: 'applied' | 'qualified' | 'reason';
}

/** A credential an outcome is about, with its issuer's name for the page. */
export type EvidenceView = OutcomeCredential & { issuerName: string };

/** An applicant's row: a short label for them, their decision, each outcome's evidence. */
export interface ApplicantRow {
  application: ApplicationView;
  /** `Applicant 7f3a9c` (see `applicantLabel`); the DID is one click away on the page. */
  label: string;
  outcomes: Array<RequirementOutcomeView & { evidence: EvidenceView[] }>;
}

/** The applicants of a posting and its funnel, ready for `applicants.njk`. */
export interface ApplicantsView {
  requirements: RequirementView[];
  rows: ApplicantRow[];
  funnel: PostingFunnel & { bars: FunnelBar[] };
}

/**
 * The applications to a posting (one row per person, their credentials' status re-checked now),
 * its requirements in words, and the funnel chart's bars: applied, qualified, and the most
 * frequent reasons for not qualifying. Badges and issuers are named by the posting's labels,
 * else by the configured issuers' catalogues.
 *
 * @throws SkillproofError `NOT_FOUND` for an unknown posting, `FORBIDDEN` when it belongs to
 * another employer.
 * @example
 * ```ts
 * const { rows, funnel } = await loadApplicants(context, web.catalogs, session.employer, posting);
 * ```
 */
export async function loadApplicants(
  context: JobboardContext,
  catalogs: IssuerCatalogs,
  employer: Employer,
  posting: Posting,
): Promise<ApplicantsView> {
  const funnel = await postingFunnel(context.store, employer, posting.id);
  const applications = await listApplications(context, employer, posting.id);
  const names = (await loadPageNames(catalogs, [posting]))(posting);
  const requirements = posting.requirements.map((clause) => requirementView(clause, names));
  const width = (count: number) =>
    funnel.applied === 0 ? 1 : Math.max(1, Math.round((count / funnel.applied) * 100));
  return {
    requirements,
    rows: applications.map((application) => ({
      application,
      label: applicantLabel(application.holder),
      outcomes: application.requirements.map((outcome) => ({
        ...outcome,
        evidence: outcome.credentials.map((credential) => ({
          ...credential,
          issuerName: names.issuer(credential.issuer),
        })),
      })),
    })),
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
          // The requirement as this page names it (labels, else the issuers' catalogues).
          label: `${requirements.find((view) => view.id === reason.requirementId)?.text ?? reason.requirementId}: ${reason.problem}`,
          count: reason.count,
          width: width(reason.count),
          kind: 'reason' as const,
        })),
      ],
    },
  };
}
