import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyOfClause, BadgeClause, Posting, PublicCatalog } from '@skillproof/core';

// A clause as `POST /api/postings` takes it: the board gives each its id.
type ClauseInput = Omit<BadgeClause, 'id'> | Omit<AnyOfClause, 'id'>;

/** Where {@link seedSampleData} finds the services `pnpm start` runs. */
export interface SeedSampleDataOptions {
  /** The issuer and job board to talk to (loopback addresses this process can reach). */
  issuerUrl: string;
  jobboardUrl: string;
  /** The job board's public base URL, as a newcomer types it (`JOBBOARD_URL`). */
  jobboardPublicUrl: string;
  /** The job board's `DATA_DIR`: its `admin-token`, and the marker that sample data was seeded. */
  jobboardDataDir: string;
  /** `JOBBOARD_ADMIN_TOKEN` if set; else the token the board wrote to `<DATA_DIR>/admin-token`. */
  adminToken?: string;
}

/** What {@link seedSampleData} did. */
export type SeedSampleDataResult =
  | { seeded: false; reason: string }
  | {
      seeded: true;
      employer: { name: string; email: string; oneTimePassword: string; token: string };
      postings: { id: string; title: string; url: string }[];
    };

/** The sample employer's sign-in email. */
export const sampleEmployerEmail = 'sample-employer@skillproof.example';

// Written into the job board's DATA_DIR once the sample data is in, so it is seeded only once.
const markerFile = 'sample-data-seeded';

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  const body = (await response.json()) as T;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Seeds an empty job board with a sample employer and two postings whose requirements use the
 * started issuer's badges, through the real services: the admin API (the board's admin token)
 * makes the employer, the postings API (the employer's token) the postings. Seeds once: not again
 * once `<DATA_DIR>/sample-data-seeded` exists, nor on a board that already has postings.
 *
 * @example
 * ```ts
 * const result = await seedSampleData({ issuerUrl, jobboardUrl, jobboardPublicUrl, jobboardDataDir });
 * ```
 */
export async function seedSampleData(
  options: SeedSampleDataOptions,
): Promise<SeedSampleDataResult> {
  const marker = join(options.jobboardDataDir, markerFile);
  if (existsSync(marker)) return { seeded: false, reason: 'sample data was seeded before' };
  const existing = await call<{ postings: Posting[] }>(`${options.jobboardUrl}/api/postings`);
  if (existing.postings.length > 0)
    return { seeded: false, reason: 'the job board has postings already' };

  const catalog = await call<PublicCatalog>(`${options.issuerUrl}/catalog`);
  const achievementOf = (badgeId: string): string | undefined =>
    catalog.badges.find((badge) => badge.id === badgeId)?.achievementId;
  const python = achievementOf('python-problems-1');
  const basics = [achievementOf('sql-basics'), achievementOf('http-basics')].filter(
    (id) => id !== undefined,
  );
  if (python === undefined || basics.length === 0) {
    return {
      seeded: false,
      reason: "the issuer's catalogue lacks python-problems-1, sql-basics or http-basics",
    };
  }
  const acceptedIssuers = [catalog.issuer.id];
  const anyBasics: ClauseInput = {
    type: 'any-of',
    count: 1,
    achievementIds: basics,
    acceptedIssuers,
  };

  const adminToken =
    options.adminToken ?? readFileSync(join(options.jobboardDataDir, 'admin-token'), 'utf8').trim();
  const employer = await call<{ name: string; token: string; oneTimePassword: string }>(
    `${options.jobboardUrl}/api/employers`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        name: 'Sample Employer Ltd (sample data)',
        email: sampleEmployerEmail,
      }),
    },
  );
  const samples = [
    {
      title: 'Junior Python developer (sample posting)',
      description:
        'Sample data from `pnpm start`: a posting to try the wallet against. Needs Python ' +
        'Problem Solver I with a score of at least 80, and SQL Basics or HTTP Basics.',
      requirements: [
        { type: 'badge', achievementId: python, acceptedIssuers, minScore: 80 },
        anyBasics,
      ] satisfies ClauseInput[],
    },
    {
      title: 'Support analyst (sample posting)',
      description:
        'Sample data from `pnpm start`: a posting to try the wallet against. Needs any one ' +
        'of SQL Basics and HTTP Basics.',
      requirements: [anyBasics],
    },
  ];
  // The names people read requirements by, as the web form would send them: badges by their
  // catalogue names, the issuer by its profile name.
  const labels = {
    achievements: Object.fromEntries(
      catalog.badges.map((badge) => [badge.achievementId, badge.name]),
    ),
    issuers: { [catalog.issuer.id]: catalog.issuer.name },
  };
  const postings: { id: string; title: string; url: string }[] = [];
  for (const sample of samples) {
    const posting = await call<Posting>(`${options.jobboardUrl}/api/postings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${employer.token}` },
      body: JSON.stringify({ ...sample, labels }),
    });
    postings.push({
      id: posting.id,
      title: posting.title,
      url: `${options.jobboardPublicUrl}/postings/${posting.id}`,
    });
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`, { mode: 0o600 });
  return {
    seeded: true,
    employer: {
      name: employer.name,
      email: sampleEmployerEmail,
      oneTimePassword: employer.oneTimePassword,
      token: employer.token,
    },
    postings,
  };
}

/**
 * The lines `pnpm start` prints about the sample data, labelled as such.
 *
 * @example
 * ```ts
 * for (const line of describeSampleData(result, 'http://localhost:4300')) console.log(line);
 * ```
 */
export function describeSampleData(result: SeedSampleDataResult, jobboardUrl: string): string[] {
  if (!result.seeded) return [`skillproof: no sample data seeded: ${result.reason}`];
  return [
    'skillproof: SAMPLE DATA seeded into the empty job board, to try things out',
    '  (once only; start with --no-sample or SKILLPROOF_SAMPLE=0 to leave a new board empty)',
    `  sample employer: ${result.employer.name}, sign in at ${jobboardUrl}/sign-in`,
    `    email: ${result.employer.email}`,
    `    one-time password (shown once; a new one is chosen at the first sign-in): ${result.employer.oneTimePassword}`,
    `    API token (shown once): ${result.employer.token}`,
    ...result.postings.map((posting) => `  sample posting: ${posting.title}: ${posting.url}`),
    `  try: skillproof jobs ${jobboardUrl}`,
  ];
}
