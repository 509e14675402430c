import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { makeIdentity } from '@skillproof/testing';
import { verifyPassword } from '../../src/domain/hash-password.js';
import { adminToken } from '../fixtures/jobboard.js';
import {
  createEmployerAccount,
  signIn,
  startWebBoard,
  stopWebServers,
  type WebBoard,
} from '../web/fixtures/web-board.js';

let board: WebBoard;

beforeAll(async () => {
  board = await startWebBoard();
});
afterAll(stopWebServers);

function createViaApi(body: object) {
  return request(board.url)
    .post('/api/employers')
    .set('Authorization', `Bearer ${adminToken}`)
    .send(body);
}

describe('POST /api/employers with web sign-in', () => {
  it('sets the password given, stores it only hashed, and never echoes it', async () => {
    const response = await createViaApi({
      name: 'Acme',
      email: 'Jobs@Acme.example',
      password: 'a long employer password',
    }).expect(201);
    expect(Object.keys(response.body as object).sort()).toEqual(['email', 'id', 'name', 'token']);
    expect(response.body).toMatchObject({ name: 'Acme', email: 'jobs@acme.example' });
    const account = await board.store.findEmployerAccountByEmail('jobs@acme.example');
    expect(account?.passwordHash).not.toContain('a long employer password');
    expect(await verifyPassword('a long employer password', account?.passwordHash as string)).toBe(
      true,
    );
    await signIn(board, { email: 'jobs@acme.example', password: 'a long employer password' });
  });

  it('makes a one-time password, shown once, when only an email is given', async () => {
    const response = await createViaApi({ name: 'Globex', email: 'jobs@globex.example' }).expect(
      201,
    );
    const body = response.body as { oneTimePassword: string };
    expect(body.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(
      (await board.store.findEmployerAccountByEmail('jobs@globex.example'))?.passwordChangeRequired,
    ).toBe(true);
  });

  it('refuses a second employer with the same email with 409 CONFLICT', async () => {
    await createViaApi({ name: 'Initech', email: 'jobs@initech.example' }).expect(201);
    const response = await createViaApi({
      name: 'Initech 2',
      email: 'JOBS@initech.example',
    }).expect(409);
    expect(response.body).toEqual({
      error: {
        code: 'CONFLICT',
        message: 'an employer already signs in with jobs@initech.example',
      },
    });
  });

  it.each([
    [
      'a password without an email',
      { name: 'Acme', password: 'a long employer password' },
      'password: a password needs an email to sign in with',
    ],
    [
      'a short password',
      { name: 'Acme', email: 'short@acme.example', password: 'short' },
      'password: use at least 12 characters',
    ],
    [
      'a malformed email',
      { name: 'Acme', email: 'acme.example' },
      'email: expected an email address',
    ],
  ])('refuses %s with 400 and stores nothing', async (_label, body, message) => {
    const response = await createViaApi(body).expect(400);
    expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', message } });
    expect(await board.store.findEmployerAccountByEmail('short@acme.example')).toBeUndefined();
  });
});

describe('employers and their postings over the API', () => {
  it("lets an employer read only its own postings' applications (403 otherwise), and the web session is no API credential", async () => {
    const acme = await createEmployerAccount(board, 'Acme API');
    const globex = await createEmployerAccount(board, 'Globex API');
    const posting = await request(board.url)
      .post('/api/postings')
      .set('Authorization', `Bearer ${acme.token}`)
      .send({
        title: 'Acme only',
        requirements: [
          {
            achievementId: 'https://academy.test/achievements/git-basics',
            acceptedIssuers: [makeIdentity().did],
          },
        ],
      })
      .expect(201);
    const id = (posting.body as { id: string }).id;
    await request(board.url)
      .get(`/api/postings/${id}/applications`)
      .set('Authorization', `Bearer ${acme.token}`)
      .expect(200);
    const forbidden = await request(board.url)
      .get(`/api/postings/${id}/applications`)
      .set('Authorization', `Bearer ${globex.token}`)
      .expect(403);
    expect((forbidden.body as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const unknownApplication = '00000000-0000-4000-8000-000000000000';
    await request(board.url)
      .get(`/api/postings/${id}/applications/${unknownApplication}`)
      .set('Authorization', `Bearer ${globex.token}`)
      .expect(403);
    await request(board.url)
      .get(`/api/postings/${id}/applications/${unknownApplication}`)
      .set('Authorization', `Bearer ${acme.token}`)
      .expect(404);
    // A browser's session cookie must not work against the API: the API has no CSRF defence.
    const session = await signIn(board, acme);
    await request(board.url)
      .get(`/api/postings/${id}/applications`)
      .set('Cookie', session.cookie)
      .expect(401);
    await request(board.url)
      .post('/api/postings')
      .set('Cookie', session.cookie)
      .send({ title: 'Via cookie', requirements: [] })
      .expect(401);
  });

  it('still answers unknown API routes with JSON, not a page', async () => {
    const response = await request(board.url).get('/api/nothing-here').expect(404);
    expect(response.headers['content-type']).toMatch(/json/);
    expect((response.body as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('answers unknown pages with an HTML 404 page', async () => {
    const response = await request(board.url).get('/nothing-here').expect(404);
    expect(response.headers['content-type']).toMatch(/html/);
    expect(response.text).toContain('there is no page /nothing-here');
  });
});
