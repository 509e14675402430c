import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { shortDid } from '@skillproof/verifier/requirements';
import request from 'supertest';
import { DcqlQuery } from 'dcql';
import { deriveDcqlQuery, type Posting, type PresentationRequest } from '@skillproof/jobboard';
import {
  boardDomain,
  createEmployerViaApi,
  createPostingViaApi,
  startTestJobboard,
  stopTestJobboards,
  type TestJobboard,
} from '../fixtures/jobboard.js';
import {
  academyAchievements,
  issuerDidA as issuerA,
  issuerDidB as issuerB,
} from '@skillproof/testing';

const { python, sql } = academyAchievements;

function validPosting(): Record<string, unknown> {
  return {
    title: 'Junior data analyst',
    description: 'Python and SQL, day one.',
    requirements: [
      { achievementId: python, acceptedIssuers: [issuerA, issuerB] },
      { achievementId: sql, acceptedIssuers: [issuerA] },
    ],
  };
}

let board: TestJobboard;
let employer: { id: string; token: string };

beforeAll(async () => {
  board = await startTestJobboard();
  employer = await createEmployerViaApi(board.url);
});
afterAll(stopTestJobboards);

function postAs(token: string | undefined, body: object): request.Test {
  const call = request(board.url).post('/api/postings');
  if (token) call.set('Authorization', `Bearer ${token}`);
  return call.send(body);
}

describe('POST /api/postings', () => {
  it('accepts a did:web issuer (an issuer with ISSUER_DID_METHOD=web)', async () => {
    const body = validPosting();
    body['requirements'] = [
      { achievementId: python, acceptedIssuers: ['did:web:academy.example%3A8443:badges'] },
    ];
    const response = await postAs(employer.token, body).expect(201);
    expect(response.body.requirements[0].acceptedIssuers).toEqual([
      'did:web:academy.example%3A8443:badges',
    ]);
  });

  it('creates a posting with requirement ids and its presentation definition', async () => {
    const response = await postAs(employer.token, validPosting()).expect(201);
    const posting = response.body as Posting;
    expect(posting).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string,
      title: 'Junior data analyst',
      description: 'Python and SQL, day one.',
      employerId: employer.id,
      requirements: [
        {
          id: 'r1',
          type: 'badge',
          achievementId: python,
          acceptedIssuers: [issuerA, issuerB],
          description: `python-problems-1 from ${shortDid(issuerA)} or ${shortDid(issuerB)}`,
        },
        {
          id: 'r2',
          type: 'badge',
          achievementId: sql,
          acceptedIssuers: [issuerA],
          description: `sql-basics from ${shortDid(issuerA)}`,
        },
      ],
      labels: {},
      presentation_definition: expect.objectContaining({
        id: posting.id,
        name: 'Junior data analyst',
      }) as unknown as Posting['presentation_definition'],
      dcql_query: deriveDcqlQuery(posting),
      createdAt: board.clock.now().toISOString(),
    });
    expect(posting.presentation_definition.input_descriptors.map((d) => d.id)).toEqual([
      'r1',
      'r2',
    ]);
  });

  it('keeps requireTransparency: shown on the posting when true, absent when not asked', async () => {
    const required = await postAs(employer.token, {
      ...validPosting(),
      requireTransparency: true,
    }).expect(201);
    expect((required.body as Posting).requireTransparency).toBe(true);
    const shown = await request(board.url)
      .get(`/api/postings/${(required.body as Posting).id}`)
      .expect(200);
    expect((shown.body as Posting).requireTransparency).toBe(true);
    const plain = await postAs(employer.token, validPosting()).expect(201);
    expect((plain.body as Posting).requireTransparency).toBeUndefined();
  });

  it('refuses a requireTransparency that is not a boolean with 400', async () => {
    const response = await postAs(employer.token, {
      ...validPosting(),
      requireTransparency: 'yes',
    }).expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('defaults the description to empty', async () => {
    const { description: _description, ...rest } = validPosting();
    const response = await postAs(employer.token, rest).expect(201);
    expect((response.body as Posting).description).toBe('');
  });

  it.each([
    ['no token', undefined],
    ['an unknown token', 'x'.repeat(43)],
    ['the admin token', 'admin-token-for-tests-0123456789'],
  ])('refuses %s with 401', async (_label, token) => {
    const response = await postAs(token, validPosting()).expect(401);
    expect(response.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'an employer bearer token is required' },
    });
  });

  const badFields: Array<[string, (body: Record<string, unknown>) => void, string]> = [
    ['a missing title', (b) => delete b['title'], 'title: '],
    ['a blank title', (b) => (b['title'] = '  '), 'title: '],
    ['a title of 201 characters', (b) => (b['title'] = 't'.repeat(201)), 'title: '],
    [
      'a description of 5001 characters',
      (b) => (b['description'] = 'd'.repeat(5001)),
      'description: ',
    ],
    ['a description that is not a string', (b) => (b['description'] = 42), 'description: '],
    ['no requirements', (b) => (b['requirements'] = []), 'requirements: '],
    [
      '21 requirements',
      (b) =>
        (b['requirements'] = Array.from({ length: 21 }, (_, i) => ({
          achievementId: `https://academy.test/achievements/a${i}`,
          acceptedIssuers: [issuerA],
        }))),
      'requirements: ',
    ],
    ['requirements that are not an array', (b) => (b['requirements'] = {}), 'requirements: '],
    [
      'an achievement id that is not a URL',
      (b) => (b['requirements'] = [{ achievementId: 'python', acceptedIssuers: [issuerA] }]),
      'requirements.0.achievementId: ',
    ],
    [
      'a javascript: achievement id',
      (b) =>
        (b['requirements'] = [
          { achievementId: 'javascript:alert(1)', acceptedIssuers: [issuerA] },
        ]),
      'requirements.0.achievementId: ',
    ],
    [
      'no accepted issuers',
      (b) => (b['requirements'] = [{ achievementId: python, acceptedIssuers: [] }]),
      'requirements.0.acceptedIssuers: ',
    ],
    [
      '21 accepted issuers',
      (b) =>
        (b['requirements'] = [{ achievementId: python, acceptedIssuers: Array(21).fill(issuerA) }]),
      'requirements.0.acceptedIssuers: ',
    ],
    [
      'an issuer that is neither a did:key nor a did:web',
      (b) => (b['requirements'] = [{ achievementId: python, acceptedIssuers: ['did:ion:EiAbc'] }]),
      'requirements.0.acceptedIssuers.0: expected an Ed25519 did:key or a did:web DID',
    ],
    [
      'a did:web naming an IP address',
      (b) =>
        (b['requirements'] = [{ achievementId: python, acceptedIssuers: ['did:web:127.0.0.1'] }]),
      'requirements.0.acceptedIssuers.0: expected an Ed25519 did:key or a did:web DID',
    ],
    [
      'a did:key that does not decode',
      (b) =>
        (b['requirements'] = [
          { achievementId: python, acceptedIssuers: [issuerA, 'did:key:z6MkNOTBASE58l0'] },
        ]),
      'requirements.0.acceptedIssuers.1: expected an Ed25519 did:key or a did:web DID',
    ],
    [
      'an issuer listed twice',
      (b) => (b['requirements'] = [{ achievementId: python, acceptedIssuers: [issuerA, issuerA] }]),
      `requirements.0.acceptedIssuers.1: ${issuerA} is listed twice`,
    ],
    [
      'an unknown requirement field',
      (b) =>
        (b['requirements'] = [{ achievementId: python, acceptedIssuers: [issuerA], salary: 80 }]),
      'requirements.0: ',
    ],
    [
      'an unknown clause type',
      (b) => (b['requirements'] = [{ type: 'degree', acceptedIssuers: [issuerA] }]),
      "requirements.0.type: unknown clause type: expected 'badge', 'any-of' or 'skill'",
    ],
    [
      'a minimum score over 100',
      (b) =>
        (b['requirements'] = [
          { type: 'badge', achievementId: python, acceptedIssuers: [issuerA], minScore: 101 },
        ]),
      'requirements.0.minScore: a score is 0..100',
    ],
    [
      'a negative minimum score',
      (b) =>
        (b['requirements'] = [{ achievementId: python, acceptedIssuers: [issuerA], minScore: -1 }]),
      'requirements.0.minScore: a score is 0..100',
    ],
    [
      'a minimum score that is not whole',
      (b) =>
        (b['requirements'] = [
          { achievementId: python, acceptedIssuers: [issuerA], minScore: 80.5 },
        ]),
      'requirements.0.minScore: expected a whole number of percent',
    ],
    [
      'withinMonths of 0',
      (b) =>
        (b['requirements'] = [
          { achievementId: python, acceptedIssuers: [issuerA], withinMonths: 0 },
        ]),
      'requirements.0.withinMonths: withinMonths is 1..120',
    ],
    [
      'withinMonths over ten years',
      (b) =>
        (b['requirements'] = [
          {
            type: 'skill',
            skillUrl: 'https://skills.test/x',
            acceptedIssuers: [issuerA],
            withinMonths: 121,
          },
        ]),
      'requirements.0.withinMonths: withinMonths is 1..120',
    ],
    [
      'withinMonths that is not whole',
      (b) =>
        (b['requirements'] = [
          { achievementId: python, acceptedIssuers: [issuerA], withinMonths: 1.5 },
        ]),
      'requirements.0.withinMonths: expected a whole number of months',
    ],
    [
      'a minimum score given as a string',
      (b) =>
        (b['requirements'] = [
          { achievementId: python, acceptedIssuers: [issuerA], minScore: '80' },
        ]),
      'requirements.0.minScore: ',
    ],
    [
      'an any-of asking for more badges than it lists',
      (b) =>
        (b['requirements'] = [
          { type: 'any-of', count: 3, achievementIds: [python, sql], acceptedIssuers: [issuerA] },
        ]),
      'requirements.0.count: count 3 is more than the 2 badges listed',
    ],
    [
      'an any-of with a count of 0',
      (b) =>
        (b['requirements'] = [
          { type: 'any-of', count: 0, achievementIds: [python, sql], acceptedIssuers: [issuerA] },
        ]),
      'requirements.0.count: ',
    ],
    [
      'an any-of listing a badge twice',
      (b) =>
        (b['requirements'] = [
          {
            type: 'any-of',
            count: 1,
            achievementIds: [python, sql, python],
            acceptedIssuers: [issuerA],
          },
        ]),
      `requirements.0.achievementIds.2: ${python} is listed twice`,
    ],
    [
      'an any-of without accepted issuers',
      (b) =>
        (b['requirements'] = [
          { type: 'any-of', count: 1, achievementIds: [python], acceptedIssuers: [] },
        ]),
      'requirements.0.acceptedIssuers: name at least one accepted issuer',
    ],
    [
      'a skill that is not an http(s) URL',
      (b) =>
        (b['requirements'] = [
          { type: 'skill', skillUrl: 'urn:skill:python', acceptedIssuers: [issuerA] },
        ]),
      'requirements.0.skillUrl: expected an http(s) URL',
    ],
    [
      'a skill clause with an achievement id',
      (b) =>
        (b['requirements'] = [
          {
            type: 'skill',
            skillUrl: 'https://skills.test/python',
            achievementId: python,
            acceptedIssuers: [issuerA],
          },
        ]),
      'requirements.0: ',
    ],
    [
      'a label that is not a string',
      (b) => (b['labels'] = { achievements: { [python]: 42 } }),
      `labels.achievements.${python}: `,
    ],
    ['an unknown posting field', (b) => (b['salary'] = 1), 'body: '],
  ];

  it.each(badFields)('refuses %s with 400 naming the field', async (_label, change, prefix) => {
    const body = validPosting();
    change(body);
    const response = await postAs(employer.token, body).expect(400);
    const { error } = response.body as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message.startsWith(prefix)).toBe(true);
  });

  it.each([
    [
      'the same achievement in two requirements',
      [
        { achievementId: python, acceptedIssuers: [issuerA] },
        { achievementId: python, acceptedIssuers: [issuerB] },
      ],
      `requirements.1: requirements.0 already requires ${python}`,
    ],
    [
      'the same badge with two minimum scores',
      [
        { type: 'badge', achievementId: python, acceptedIssuers: [issuerA], minScore: 80 },
        { type: 'badge', achievementId: sql, acceptedIssuers: [issuerA] },
        { type: 'badge', achievementId: python, acceptedIssuers: [issuerA], minScore: 60 },
      ],
      `requirements.2: requirements.0 already requires ${python} with a different minimum score (80 and 60)`,
    ],
    [
      'an any-of listing a badge another clause requires',
      [
        { type: 'badge', achievementId: python, acceptedIssuers: [issuerA] },
        { type: 'any-of', count: 1, achievementIds: [sql, python], acceptedIssuers: [issuerA] },
      ],
      `requirements.1: requirements.0 already requires ${python}`,
    ],
    [
      'the same skill twice',
      [
        { type: 'skill', skillUrl: 'https://skills.test/python', acceptedIssuers: [issuerA] },
        { type: 'skill', skillUrl: 'https://skills.test/python', acceptedIssuers: [issuerB] },
      ],
      'requirements.1.skillUrl: requirements.0 already asks for https://skills.test/python',
    ],
  ])('refuses %s, naming the clause', async (_label, requirements, message) => {
    const body = { ...validPosting(), requirements };
    const response = await postAs(employer.token, body).expect(400);
    expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', message } });
  });

  it('takes badge, any-of and skill clauses, with labels for their plain words', async () => {
    const pandas = 'https://academy.test/achievements/pandas';
    const skill = 'https://skills.test/python';
    const response = await postAs(employer.token, {
      title: 'Data analyst',
      requirements: [
        { type: 'badge', achievementId: python, acceptedIssuers: [issuerA], minScore: 80 },
        { type: 'any-of', count: 1, achievementIds: [sql, pandas], acceptedIssuers: [issuerA] },
        { type: 'skill', skillUrl: skill, acceptedIssuers: [issuerA, issuerB] },
      ],
      labels: {
        achievements: { [python]: 'Python Problem Solver I', [sql]: 'SQL Basics' },
        issuers: { [issuerA]: 'Skillproof Academy' },
        skills: { [skill]: 'Python programming' },
      },
    }).expect(201);
    const posting = response.body as Posting;
    expect(posting.requirements.map((requirement) => requirement.description)).toEqual([
      'Python Problem Solver I from Skillproof Academy, score ≥ 80',
      'any 1 of SQL Basics and pandas, from Skillproof Academy',
      `any badge aligned to Python programming from Skillproof Academy or ${shortDid(issuerB)}`,
    ]);
    expect(posting.requirements[0]).toMatchObject({ type: 'badge', minScore: 80 });
    expect(posting.presentation_definition.submission_requirements).toEqual([
      expect.objectContaining({ name: 'r1', rule: 'all', from: 'r1' }),
      expect.objectContaining({ name: 'r2', rule: 'pick', min: 1, from: 'r2' }),
      expect.objectContaining({ name: 'r3', rule: 'all', from: 'r3' }),
    ]);
    const shown = await request(board.url).get(`/api/postings/${posting.id}`).expect(200);
    expect(shown.body).toEqual(posting);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await request(board.url)
      .post('/api/postings')
      .set('Authorization', `Bearer ${employer.token}`)
      .set('Content-Type', 'application/json')
      .send('{"title": "x", ')
      .expect(400);
    expect((response.body as { error: { code: string } }).error.code).toBe('MALFORMED_JSON');
  });

  it('refuses a body that is not JSON', async () => {
    const response = await request(board.url)
      .post('/api/postings')
      .set('Authorization', `Bearer ${employer.token}`)
      .set('Content-Type', 'text/plain')
      .send('title=x')
      .expect(400);
    expect((response.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body over 256 kB with 413', async () => {
    const body = { ...validPosting(), description: 'd'.repeat(300 * 1024) };
    const response = await postAs(employer.token, body).expect(413);
    expect((response.body as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /api/postings and /api/postings/:id', () => {
  it('lists postings publicly, newest first, and shows each one', async () => {
    const { url, clock } = await startTestJobboard();
    const owner = await createEmployerViaApi(url);
    const first = await createPostingViaApi(
      url,
      owner.token,
      [{ achievementId: python, acceptedIssuers: [issuerA] }],
      'First',
    );
    clock.advance(60_000);
    const second = await createPostingViaApi(
      url,
      owner.token,
      [{ achievementId: sql, acceptedIssuers: [issuerB] }],
      'Second',
    );

    const list = await request(url).get('/api/postings').expect(200);
    expect(list.body).toEqual({ postings: [second, first] });
    const one = await request(url).get(`/api/postings/${first.id}`).expect(200);
    expect(one.body).toEqual(first);
  });

  it('shows a posting with the DCQL query of its requirements, which the dcql package reads', async () => {
    const posting = await createPostingViaApi(board.url, employer.token, [
      { achievementId: python, acceptedIssuers: [issuerA], minScore: 70 },
      { type: 'skill', skillUrl: 'https://skills.test/sql', acceptedIssuers: [issuerB] },
    ]);
    const shown = (await request(board.url).get(`/api/postings/${posting.id}`).expect(200))
      .body as Posting;
    expect(shown.dcql_query).toEqual(deriveDcqlQuery(shown));
    expect(shown.dcql_query.credential_sets?.map((set) => set.options)).toEqual([
      [['r1-jwt'], ['r1-ldp']],
      [['r2-jwt'], ['r2-ldp']],
    ]);
    const parsed = DcqlQuery.parse(shown.dcql_query as DcqlQuery.Input);
    expect(() => DcqlQuery.validate(parsed)).not.toThrow();
  });

  it('answers 404 for an unknown posting', async () => {
    const response = await request(board.url).get('/api/postings/nope').expect(404);
    expect((response.body as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown route', async () => {
    const response = await request(board.url).get('/api/nothing-here').expect(404);
    expect((response.body as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('POST /api/postings/:id/presentation-request', () => {
  it('hands out a fresh single-use nonce with the domain, the definition and the DCQL query', async () => {
    const posting = await createPostingViaApi(board.url, employer.token, [
      { achievementId: python, acceptedIssuers: [issuerA] },
    ]);
    const first = await request(board.url)
      .post(`/api/postings/${posting.id}/presentation-request`)
      .expect(201);
    const second = await request(board.url)
      .post(`/api/postings/${posting.id}/presentation-request`)
      .expect(201);
    const body = first.body as PresentationRequest;
    expect(body).toEqual({
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown as string,
      domain: boardDomain,
      presentation_definition: posting.presentation_definition,
      dcql_query: posting.dcql_query,
      expiresAt: new Date(board.clock.now().getTime() + 600_000).toISOString(),
      postingId: posting.id,
    });
    expect((second.body as PresentationRequest).nonce).not.toBe(body.nonce);
  });

  it('answers 404 for an unknown posting', async () => {
    await request(board.url).post('/api/postings/nope/presentation-request').expect(404);
  });

  it('limits the nonces one address can make the board store: 429 with Retry-After', async () => {
    const limited = await startTestJobboard({ presentationRequestsPerMinute: 3 });
    const owner = await createEmployerViaApi(limited.url, 'Limited Ltd');
    const posting = await createPostingViaApi(limited.url, owner.token, [
      { achievementId: python, acceptedIssuers: [issuerA] },
    ]);
    const nonces: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await request(limited.url)
        .post(`/api/postings/${posting.id}/presentation-request`)
        .expect(201);
      nonces.push((ok.body as PresentationRequest).nonce);
    }
    const refused = await request(limited.url)
      .post(`/api/postings/${posting.id}/presentation-request`)
      .expect(429);
    expect(refused.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
    expect((refused.body as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    for (const nonce of nonces)
      expect(
        await limited.store.isPresentationNonceOpen(
          nonce,
          posting.id,
          limited.clock.now().toISOString(),
        ),
      ).toBe(true);
  });

  it("counts presentation requests on the board's clock: the next minute, an address may ask again", async () => {
    const limited = await startTestJobboard({ presentationRequestsPerMinute: 1 });
    const owner = await createEmployerViaApi(limited.url, 'Clocked Ltd');
    const posting = await createPostingViaApi(limited.url, owner.token, [
      { achievementId: python, acceptedIssuers: [issuerA] },
    ]);
    const ask = () => request(limited.url).post(`/api/postings/${posting.id}/presentation-request`);
    await ask().expect(201);
    const refused = await ask().expect(429);
    expect(refused.headers['retry-after']).toBe('60');
    limited.clock.advance(59_000);
    await ask().expect(429);
    limited.clock.advance(1_000);
    await ask().expect(201);
  });
});
