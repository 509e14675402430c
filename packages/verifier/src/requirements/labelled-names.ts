import type { RequirementLabels } from '@skillproof/core';

/**
 * How the ids of a posting's clauses read in words, for people: by the names the employer gave
 * them (`labels`), else by a name a credential gives, else by a short form of the id. Never a
 * full DID or URL: those stay in the clause and the outcome's credentials, for whoever checks.
 */
export interface LabelledNames {
  /** `Python Problem Solver I`; unlabelled, `named` or the id's last segment (`python-problems-1`). */
  achievement(achievementId: string, named?: string): string;
  /** `Skillproof Academy`; unlabelled, `named` (its profile's) or the DID shortened (`did:key:z6Mkha…2doK`). */
  issuer(did: string, named?: string): string;
  /** `Python`; unlabelled, `named` (an alignment's `targetName`) or the URL's last segment. */
  skill(skillUrl: string, named?: string): string;
}

/**
 * A DID shortened for reading: its method, the first characters of its identifier and the last
 * four (`did:key:z6MkhaXgBZ…2doK`); short DIDs stay whole.
 *
 * @example
 * ```ts
 * shortDid('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'); // 'did:key:z6MkhaXg…2doK'
 * ```
 */
export function shortDid(did: string): string {
  if (did.length <= 24) return did;
  const method = /^did:[a-z0-9]+:/.exec(did)?.[0] ?? '';
  return `${did.slice(0, method.length + 8)}…${did.slice(-4)}`;
}

/**
 * An id shortened for reading: the last segment of a URL's path (its host when it has none),
 * or the last part of a URN, at most 60 characters.
 *
 * @example
 * ```ts
 * shortId('https://academy.test/achievements/python-problems-1'); // 'python-problems-1'
 * ```
 */
export function shortId(id: string): string {
  let short: string;
  try {
    const url = new URL(id);
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    const last = segments.at(-1);
    short =
      url.protocol === 'urn:'
        ? (id.split(':').at(-1) ?? id)
        : last === undefined
          ? url.host
          : decodeURIComponent(last);
  } catch {
    short = id;
  }
  if (short === '') short = id;
  return short.length > 60 ? `${short.slice(0, 59)}…` : short;
}

/**
 * Names the ids a posting's clauses use with the labels its employer gave them (nothing is
 * decided on a label), else with what a credential calls them, else by a short form.
 *
 * @example
 * ```ts
 * const names = labelledNames({ issuers: { [did]: 'Skillproof Academy' } });
 * names.issuer(did); // 'Skillproof Academy'
 * names.achievement('https://academy.test/achievements/python-problems-1'); // 'python-problems-1'
 * ```
 */
export function labelledNames(labels: RequirementLabels = {}): LabelledNames {
  // Own properties only: an id such as `constructor` must not find Object.prototype's.
  const own = (table: Record<string, string> | undefined, id: string): string | undefined =>
    table !== undefined && Object.hasOwn(table, id) ? table[id] : undefined;
  return {
    achievement: (achievementId, named) =>
      own(labels.achievements, achievementId) ?? named ?? shortId(achievementId),
    issuer: (did, named) => own(labels.issuers, did) ?? named ?? shortDid(did),
    skill: (skillUrl, named) => own(labels.skills, skillUrl) ?? named ?? shortId(skillUrl),
  };
}
