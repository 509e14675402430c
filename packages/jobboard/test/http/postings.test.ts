import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Posting, PresentationRequest } from '@skillproof/jobboard';
import {
  boardDomain,
  createEmployerViaApi,
  createPostingViaApi,
  startTestJobboard,
  stopTestJobboards,
  type TestJobboard,
} from '../fixtures/jobboard.js';

const issuerA = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const issuerB = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const python = 'https://academy.test/achievements/python-problems-1';
const sql = 'https://academy.test/achievements/sql-basics';

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
  it('creates a posting with requirement ids and its presentation definition', async () => {
    const response = await postAs(employer.token, validPosting()).expect(201);
    const posting = response.body as Posting;
    expect(posting).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string,
      title: 'Junior data analyst',
      description: 'Python and SQL, day one.',
      employerId: employer.id,
      requirements: [
        { id: 'r1', achievementId: python, acceptedIssuers: [issuerA, issuerB] },
        { id: 'r2', achievementId: sql, acceptedIssuers: [issuerA] },
      ],
      presentation_definition: expect.objectContaining({
        id: posting.id,
        name: 'Junior data analyst',
      }) as unknown as Posting['presentation_definition'],
      createdAt: board.clock.now().toISOString(),
    });
    expect(posting.presentation_definition.input_descriptors.map((d) => d.id)).toEqual([
      'r1',
      'r2',
    ]);
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
      'an issuer that is not a did:key',
      (b) =>
        (b['requirements'] = [
          { achievementId: python, acceptedIssuers: ['did:web:academy.test'] },
        ]),
      'requirements.0.acceptedIssuers.0: expected an Ed25519 did:key DID',
    ],
    [
      'a did:key that does not decode',
      (b) =>
        (b['requirements'] = [
          { achievementId: python, acceptedIssuers: [issuerA, 'did:key:z6MkNOTBASE58l0'] },
        ]),
      'requirements.0.acceptedIssuers.1: expected an Ed25519 did:key DID',
    ],
    [
      'an issuer listed twice',
      (b) => (b['requirements'] = [{ achievementId: python, acceptedIssuers: [issuerA, issuerA] }]),
      `requirements.0.acceptedIssuers.1: ${issuerA} is listed twice`,
    ],
    [
      'an unknown requirement field',
      (b) =>
        (b['requirements'] = [{ achievementId: python, acceptedIssuers: [issuerA], minScore: 80 }]),
      'requirements.0: ',
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

  it('refuses the same achievement in two requirements, naming the clause', async () => {
    const body = validPosting();
    body['requirements'] = [
      { achievementId: python, acceptedIssuers: [issuerA] },
      { achievementId: python, acceptedIssuers: [issuerB] },
    ];
    const response = await postAs(employer.token, body).expect(400);
    expect(response.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: `requirements.1.achievementId: requirements.0 already requires ${python}`,
      },
    });
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
    clock.advance(60);
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
  it('hands out a fresh single-use nonce with the domain and the definition', async () => {
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
      expiresAt: new Date(board.clock.now().getTime() + 600_000).toISOString(),
      postingId: posting.id,
    });
    expect((second.body as PresentationRequest).nonce).not.toBe(body.nonce);
  });

  it('answers 404 for an unknown posting', async () => {
    await request(board.url).post('/api/postings/nope/presentation-request').expect(404);
  });
});
