import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createPosting,
  postingFunnel,
  postingInputSchema,
  type Application,
  type ApplicationView,
  type Employer,
  type Posting,
} from '@skillproof/jobboard';
import {
  fixedNow,
  makeIdentity,
  signStatusList,
  startStatusListServer,
  statusEntry,
  type StatusListServer,
  type TestIdentity,
} from '@skillproof/testing';
import { shortDid } from '@skillproof/verifier/requirements';
import request from 'supertest';
import {
  createEmployerViaApi,
  createPostingViaApi,
  listApplicationsViaApi,
  applyViaApi,
  startTestJobboard,
  stopTestJobboards,
  type TestJobboard,
} from '../fixtures/jobboard.js';
import { signedBadge } from '../fixtures/signed-badge.js';

const academyUrl = 'https://academy.test/achievements';
const python = `${academyUrl}/python-problems-1`;
const sql = `${academyUrl}/sql-basics`;
const pandas = `${academyUrl}/pandas`;
const history = `${academyUrl}/russian-history-1`;
const git = `${academyUrl}/git-basics`;
const pythonSkill = 'https://skills.test/python';

let academy: TestIdentity;
let stranger: TestIdentity;
let lists: StatusListServer;
let board: TestJobboard;
let employer: { id: string; name: string; token: string };
let posting: Posting;
let serial = 0;
const revoked = new Set<number>();
const suspended = new Set<number>();

function publishLists(): void {
  for (const [path, purpose, set] of [
    ['/status/revocation', 'revocation', revoked],
    ['/status/suspension', 'suspension', suspended],
  ] as const) {
    lists.lists.set(path, {
      body: signStatusList(academy, `${lists.url}${path}`, { purpose, set: [...set] }),
    });
  }
}

interface BadgeOptions {
  issuer?: TestIdentity;
  score?: number;
  alignment?: string[];
}

/** A contract-B badge with both status entries; returns its JWT, id and status index. */
function badge(
  holder: TestIdentity,
  achievementId: string,
  options: BadgeOptions = {},
): { jwt: string; id: string; index: number } {
  serial += 1;
  const id = `urn:uuid:00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
  const jwt = signedBadge(options.issuer ?? academy, holder, achievementId, {
    id,
    ...(options.score === undefined ? {} : { score: options.score }),
    ...(options.alignment === undefined ? {} : { alignment: options.alignment }),
    credentialStatus: [
      statusEntry(`${lists.url}/status/revocation`, serial),
      statusEntry(`${lists.url}/status/suspension`, serial, 'suspension'),
    ],
  });
  return { jwt, id, index: serial };
}

async function applyWith(holder: TestIdentity, jwts: string[]): Promise<Application> {
  return applyViaApi(board.url, posting.id, holder, jwts, board.clock.now());
}

function viewApplication(id: string, token = employer.token): request.Test {
  return request(board.url)
    .get(`/api/postings/${posting.id}/applications/${id}`)
    .set('Authorization', `Bearer ${token}`);
}

beforeAll(async () => {
  academy = makeIdentity();
  stranger = makeIdentity();
  lists = await startStatusListServer();
  publishLists();
  board = await startTestJobboard();
  // The testing package signs at a fixed time; the board's clock follows.
  board.clock.set(fixedNow);
  employer = await createEmployerViaApi(board.url, 'Acme Analytics');
  posting = await createPostingViaApi(board.url, employer.token, [
    { type: 'badge', achievementId: python, acceptedIssuers: [academy.did], minScore: 80 },
    {
      type: 'any-of',
      count: 2,
      achievementIds: [sql, pandas, history],
      acceptedIssuers: [academy.did],
    },
    { type: 'skill', skillUrl: pythonSkill, acceptedIssuers: [academy.did] },
  ]);
});

afterAll(async () => {
  await stopTestJobboards();
  await lists.close();
});

describe('a posting with badge, any-of and skill clauses', () => {
  it('qualifies an applicant who meets all three, naming the credential for each', async () => {
    const holder = makeIdentity();
    const pythonBadge = badge(holder, python, { score: 92 });
    const sqlBadge = badge(holder, sql);
    const pandasBadge = badge(holder, pandas);
    const gitBadge = badge(holder, git, { alignment: [pythonSkill] });
    const application = await applyWith(holder, [
      pythonBadge.jwt,
      sqlBadge.jwt,
      pandasBadge.jwt,
      gitBadge.jwt,
    ]);
    expect(application.qualified).toBe(true);
    expect(
      application.requirements.map((outcome) => [outcome.id, outcome.met, outcome.reason]),
    ).toEqual([
      ['r1', true, 'met by "Badge python-problems-1" (score 92) from Test Academy'],
      ['r2', true, 'met by "Badge sql-basics" and "Badge pandas" from Test Academy'],
      ['r3', true, 'met by "Badge git-basics" from Test Academy, aligned to a skill'],
    ]);
    expect(application.requirements[0]?.credentials[0]?.score).toBe(92);
  });

  it('does not qualify, saying why for each clause: score too low, not enough, not aligned', async () => {
    const holder = makeIdentity();
    const pythonBadge = badge(holder, python, { score: 64 });
    const sqlBadge = badge(holder, sql);
    const foreignPandas = badge(holder, pandas, { issuer: stranger });
    const application = await applyWith(holder, [pythonBadge.jwt, sqlBadge.jwt, foreignPandas.jwt]);
    expect(application.qualified).toBe(false);
    expect(application.requirements.map((outcome) => [outcome.code, outcome.reason])).toEqual([
      ['score-too-low', '"Badge python-problems-1" has a score of 64, below the 80 required'],
      [
        'not-enough',
        '2 of the 3 badges are needed and 1 was met ("Badge sql-basics" from Test Academy): "Badge pandas" was presented, but its issuer is not accepted for this requirement; no credential for "russian-history-1" was presented',
      ],
      [
        'not-aligned',
        'no badge aligned to python was presented: "Badge python-problems-1" and "Badge sql-basics" are not aligned to it',
      ],
    ]);
  });

  it('says a badge was revoked or suspended before applying', async () => {
    const holder = makeIdentity();
    const pythonBadge = badge(holder, python, { score: 100 });
    const sqlBadge = badge(holder, sql, { alignment: [pythonSkill] });
    revoked.add(pythonBadge.index);
    suspended.add(sqlBadge.index);
    publishLists();
    board.clock.advance(301_000); // past the resolver's cache of the lists
    const application = await applyWith(holder, [pythonBadge.jwt, sqlBadge.jwt]);
    expect(application.requirements.map((outcome) => outcome.code)).toEqual([
      'revoked',
      'suspended',
      'suspended',
    ]);
  });
});

describe('viewing an applicant re-checks status', () => {
  it('flags a badge revoked after applying, without rewriting the decision', async () => {
    const holder = makeIdentity();
    const pythonBadge = badge(holder, python, { score: 85 });
    const sqlBadge = badge(holder, sql);
    const historyBadge = badge(holder, history, { alignment: [pythonSkill] });
    const application = await applyWith(holder, [pythonBadge.jwt, sqlBadge.jwt, historyBadge.jwt]);
    expect(application.qualified).toBe(true);

    const before = (await viewApplication(application.id).expect(200)).body as ApplicationView;
    expect(before.flags).toEqual([]);
    expect(before.requirements.map((outcome) => outcome.currentStatus)).toEqual([
      'valid',
      'valid',
      'valid',
    ]);

    revoked.add(pythonBadge.index);
    suspended.add(sqlBadge.index);
    publishLists();
    board.clock.advance(301_000);
    const after = (await viewApplication(application.id).expect(200)).body as ApplicationView;
    expect(after.qualified).toBe(true);
    expect(after.requirements.map((outcome) => [outcome.met, outcome.code])).toEqual([
      [true, 'met'],
      [true, 'met'],
      [true, 'met'],
    ]);
    expect(after.requirements.map((outcome) => outcome.currentStatus)).toEqual([
      'revoked',
      'suspended',
      'valid',
    ]);
    expect(after.flags).toEqual([
      'r1: "Badge python-problems-1" has been revoked by its issuer since the application',
      'r2: "Badge sql-basics" is suspended by its issuer now',
    ]);

    const listed = await listApplicationsViaApi(board.url, posting.id, employer.token);
    const same = listed.find((entry) => entry.id === application.id);
    expect(same).toEqual(after);
  });

  it('answers 404 for an unknown application, 403 for another employer, 401 without a token', async () => {
    await viewApplication('no-such-application').expect(404);
    const rival = await createEmployerViaApi(board.url, 'Rival Corp');
    const holder = makeIdentity();
    const application = await applyWith(holder, [badge(holder, python, { score: 90 }).jwt]);
    const forbidden = await viewApplication(application.id, rival.token).expect(403);
    expect((forbidden.body as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    await request(board.url)
      .get(`/api/postings/${posting.id}/applications/${application.id}`)
      .expect(401);
  });
});

describe('postingFunnel', () => {
  it('counts applied and qualified, and the top reasons for not qualifying', async () => {
    const employerRecord: Employer = { id: employer.id, name: employer.name, createdAt: '' };
    const funnelPosting = await createPosting(
      board.store,
      employerRecord,
      postingInputSchema.parse({
        title: 'Funnel',
        requirements: [
          { type: 'badge', achievementId: python, acceptedIssuers: [academy.did], minScore: 80 },
        ],
      }),
      board.clock.now(),
    );
    const saved = posting;
    posting = funnelPosting;
    try {
      for (const score of [95, 50, 60, 90, 40]) {
        const holder = makeIdentity();
        await applyWith(holder, [badge(holder, python, { score }).jwt]);
      }
      const nobody = makeIdentity();
      await applyWith(nobody, [badge(nobody, sql).jwt]);
    } finally {
      posting = saved;
    }
    const funnel = await postingFunnel(board.store, employerRecord, funnelPosting.id);
    expect(funnel).toEqual({
      applied: 6,
      qualified: 2,
      notQualified: 4,
      topReasons: [
        {
          requirementId: 'r1',
          code: 'score-too-low',
          label: `python-problems-1 from ${shortDid(academy.did)}, score ≥ 80: score too low`,
          problem: 'score too low',
          count: 3,
        },
        {
          requirementId: 'r1',
          code: 'missing',
          label: `python-problems-1 from ${shortDid(academy.did)}, score ≥ 80: not presented`,
          problem: 'not presented',
          count: 1,
        },
      ],
    });
    const rival: Employer = { id: 'someone-else', name: 'Rival', createdAt: '' };
    await expect(postingFunnel(board.store, rival, funnelPosting.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('a posting whose employer labelled its ids', () => {
  it('names badges and issuers by those labels in the decision', async () => {
    const labelled = await request(board.url)
      .post('/api/postings')
      .set('Authorization', `Bearer ${employer.token}`)
      .send({
        title: 'Labelled',
        requirements: [
          { type: 'badge', achievementId: python, acceptedIssuers: [academy.did] },
          { type: 'badge', achievementId: sql, acceptedIssuers: [academy.did] },
        ],
        labels: {
          achievements: { [sql]: 'SQL Basics' },
          issuers: { [academy.did]: 'Skillproof Academy' },
        },
      })
      .expect(201);
    const saved = posting;
    posting = labelled.body as Posting;
    try {
      const holder = makeIdentity();
      const pythonBadge = badge(holder, python, { score: 90 });
      const application = await applyWith(holder, [pythonBadge.jwt]);
      expect(application.requirements.map((requirement) => requirement.reason)).toEqual([
        'met by "Badge python-problems-1" from Skillproof Academy',
        'no credential for "SQL Basics" was presented',
      ]);
    } finally {
      posting = saved;
    }
  });
});
