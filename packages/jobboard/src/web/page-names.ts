import type { RequirementClause, RequirementLabels } from '@skillproof/core';
import { labelledNames, type LabelledNames } from '@skillproof/verifier/requirements';
import type { IssuerCatalog, IssuerCatalogs } from './issuer-catalogs.js';

/**
 * The labels the issuers' catalogues give: badge names by achievement id, issuer names by DID,
 * skill names by URL.
 */
function catalogLabels(catalogs: readonly IssuerCatalog[]): Required<RequirementLabels> {
  const labels: Required<RequirementLabels> = { achievements: {}, issuers: {}, skills: {} };
  for (const catalog of catalogs) {
    if (!catalog.available) continue;
    labels.issuers[catalog.issuer.id] = catalog.issuer.name;
    for (const badge of catalog.badges) {
      labels.achievements[badge.achievementId] = badge.name;
      for (const skill of badge.alignment) labels.skills[skill.targetUrl] = skill.targetName;
    }
  }
  return labels;
}

/**
 * How the pages name the ids of a posting's clauses: by the labels its employer gave them, else
 * by what the catalogues of the issuers this board is configured with call them, else by a short
 * form of the id (`labelledNames`).
 *
 * @example
 * ```ts
 * const names = pageNames(posting.labels, await web.catalogs.load());
 * names.issuer(did); // 'Skillproof Academy'
 * ```
 */
export function pageNames(
  labels: RequirementLabels,
  catalogs: readonly IssuerCatalog[],
): LabelledNames {
  const known = catalogLabels(catalogs);
  return labelledNames({
    achievements: { ...known.achievements, ...labels.achievements },
    issuers: { ...known.issuers, ...labels.issuers },
    skills: { ...known.skills, ...labels.skills },
  });
}

function labelled(labels: RequirementLabels, clause: RequirementClause): boolean {
  const has = (table: Record<string, string> | undefined, id: string) =>
    table !== undefined && Object.hasOwn(table, id);
  const ids =
    clause.type === 'badge'
      ? [clause.achievementId]
      : clause.type === 'any-of'
        ? clause.achievementIds
        : [];
  return (
    ids.every((id) => has(labels.achievements, id)) &&
    (clause.type !== 'skill' || has(labels.skills, clause.skillUrl)) &&
    clause.acceptedIssuers.every((did) => has(labels.issuers, did))
  );
}

/**
 * {@link pageNames} for the clauses of some postings, each with its labels: the catalogues are
 * read only when some id is unlabelled (a posting made through the API), so a page of postings
 * made with the form never waits on an issuer.
 *
 * @example
 * ```ts
 * const namesOf = await loadPageNames(web.catalogs, postings);
 * namesOf(posting).achievement(achievementId); // 'Python Problem Solver I'
 * ```
 */
export async function loadPageNames(
  catalogs: IssuerCatalogs,
  postings: ReadonlyArray<{
    labels: RequirementLabels;
    requirements: readonly RequirementClause[];
  }>,
): Promise<(posting: { labels: RequirementLabels }) => LabelledNames> {
  const complete = postings.every((posting) =>
    posting.requirements.every((clause) => labelled(posting.labels, clause)),
  );
  const loaded = complete ? [] : await catalogs.load();
  return (posting) => pageNames(posting.labels, loaded);
}
