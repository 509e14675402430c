import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken } from '@skillproof/core';
import request from 'supertest';
import { createEmployer } from '../../src/domain/create-employer.js';
import {
  createEmployerAccount,
  csrfFrom,
  signIn,
  startWebBoard,
  stopWebServers,
  testPasswordLogN,
  type WebBoard,
} from './fixtures/web-board.js';

let board: WebBoard;
const tempDir = mkdtempSync(join(tmpdir(), 'jobboard-sign-in-'));

beforeAll(async () => {
  board = await startWebBoard();
});
afterAll(async () => {
  await stopWebServers();
  rmSync(tempDir, { recursive: true, force: true });
});

function cookiesOf(response: request.Response): string[] {
  return ([] as string[]).concat(response.headers['set-cookie'] ?? []);
}

function postSignIn(target: WebBoard, form: object, origin: string | null = target.origin) {
  const call = request(target.url).post('/sign-in').type('form');
  if (origin !== null) call.set('Origin', origin);
  return call.send(form);
}

describe('GET /sign-in', () => {
  it('shows the sign-in form', async () => {
    const response = await request(board.url)
      .get('/sign-in')
      .expect(200)
      .expect('Content-Type', /html/);
    expect(response.text).toContain('<form method="post" action="/sign-in"');
    expect(response.text).toContain('name="password" type="password"');
  });
});

describe('POST /sign-in', () => {
  it('opens a session: an HttpOnly, SameSite=Lax cookie whose value is stored only hashed', async () => {
    const account = await createEmployerAccount(board);
    const response = await postSignIn(board, {
      email: account.email.toUpperCase(),
      password: account.password,
    }).expect(303);
    expect(response.headers['location']).toBe('/employer');
    const [cookie] = cookiesOf(response);
    expect(cookie).toMatch(
      /^skillproof_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax$/,
    );
    const token = (cookie as string).split(';')[0]?.split('=')[1] as string;
    const now = board.clock.now().toISOString();
    expect(await board.store.findEmployerSession(hashToken(token), now)).toMatchObject({
      employerId: account.id,
    });
    expect(await board.store.findEmployerSession(token, now)).toBeUndefined();
    const page = await request(board.url)
      .get('/employer')
      .set('Cookie', `skillproof_session=${token}`)
      .expect(200);
    expect(page.text).toContain('Your postings');
    expect(page.text).toContain(`Sign out (${account.name})`);
  });

  it('marks the cookie Secure when the board is served over https', async () => {
    const https = await startWebBoard({ publicUrl: 'https://jobs.test' });
    const account = await createEmployerAccount(https);
    const response = await postSignIn(https, {
      email: account.email,
      password: account.password,
    }).expect(303);
    expect(cookiesOf(response)[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  });

  it.each([
    ['a wrong password', (email: string) => ({ email, password: 'not the password at all' })],
    [
      'an unknown email',
      () => ({ email: 'nobody@acme.example', password: 'a long employer password' }),
    ],
  ])('refuses %s with the same 401 page and no cookie', async (_label, form) => {
    const account = await createEmployerAccount(board);
    const response = await postSignIn(board, form(account.email))
      .expect(401)
      .expect('Content-Type', /html/);
    expect(response.text).toContain('that email and password do not match an employer');
    expect(cookiesOf(response)).toEqual([]);
  });

  it('refuses an employer made for the API only (no email, no password)', async () => {
    await createEmployer(board.store, { name: 'API only' }, board.clock.now());
    await postSignIn(board, { email: 'api-only@acme.example', password: 'anything at all' }).expect(
      401,
    );
  });

  it('answers a malformed form with 400, not 500', async () => {
    const response = await postSignIn(board, { email: 'not-an-email', password: '' }).expect(400);
    expect(response.text).toContain('expected an email address');
  });

  it.each([
    ['no Origin and no Referer', null],
    ['a foreign Origin', 'https://evil.example'],
    ['the null origin', 'null'],
  ])('refuses a sign-in post with %s (login CSRF) with a 403 page', async (_label, origin) => {
    const account = await createEmployerAccount(board);
    const response = await postSignIn(
      board,
      { email: account.email, password: account.password },
      origin,
    ).expect(403);
    expect(response.headers['content-type']).toMatch(/html/);
    expect(response.text).toContain('not sent from a page of this site');
    expect(cookiesOf(response)).toEqual([]);
  });

  it('accepts the Referer of its own page when a browser sends no Origin', async () => {
    const account = await createEmployerAccount(board);
    await request(board.url)
      .post('/sign-in')
      .set('Referer', `${board.url}/sign-in`)
      .type('form')
      .send({ email: account.email, password: account.password })
      .expect(303);
  });

  it('rate-limits guessing from one address across emails: the 101st attempt gets 429', async () => {
    const limited = await startWebBoard();
    const account = await createEmployerAccount(limited);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      await postSignIn(limited, {
        email: `guess-${attempt}@acme.example`,
        password: 'wrong password guess',
      }).expect(401);
    }
    const response = await postSignIn(limited, {
      email: account.email,
      password: account.password,
    }).expect(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.text).toContain('too many sign-in attempts from your address');
  });

  it('rate-limits guessing: the 11th attempt for one email gets 429 with Retry-After, even with the right password', async () => {
    const limited = await startWebBoard();
    const account = await createEmployerAccount(limited);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await postSignIn(limited, { email: account.email, password: 'wrong password guess' }).expect(
        401,
      );
    }
    const response = await postSignIn(limited, {
      email: account.email,
      password: account.password,
    }).expect(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.text).toContain('too many sign-in attempts');
    expect(cookiesOf(response)).toEqual([]);
  });
});

describe('sign-in limits across processes', () => {
  it('counts in the database: two boards on one SQLite file (cluster workers) share one count per email', async () => {
    const databaseFile = join(tempDir, 'shared.db');
    const first = await startWebBoard({ databaseFile });
    const second = await startWebBoard({ databaseFile });
    const account = await createEmployerAccount(first);
    // Ten wrong guesses spread over both boards: each saw five, the email has used its ten.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await postSignIn(attempt % 2 === 0 ? first : second, {
        email: account.email,
        password: 'wrong password guess',
      }).expect(401);
    }
    for (const target of [first, second]) {
      const response = await postSignIn(target, {
        email: account.email,
        password: account.password,
      }).expect(429);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(cookiesOf(response)).toEqual([]);
    }
  });
});

describe('sessions', () => {
  it('signs out: the session ends on the server and the cookie is cleared', async () => {
    const account = await createEmployerAccount(board);
    const session = await signIn(board, account);
    const response = await request(board.url)
      .post('/sign-out')
      .set('Origin', board.origin)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: session.csrf })
      .expect(303);
    expect(response.headers['location']).toBe('/');
    expect(cookiesOf(response)[0]).toMatch(/^skillproof_session=; Path=\/; Max-Age=0; HttpOnly/);
    const after = await request(board.url)
      .get('/employer')
      .set('Cookie', session.cookie)
      .expect(303);
    expect(after.headers['location']).toBe('/sign-in');
  });

  it('refuses a sign-out without the CSRF token, and the session stays', async () => {
    const account = await createEmployerAccount(board);
    const session = await signIn(board, account);
    await request(board.url)
      .post('/sign-out')
      .set('Origin', board.origin)
      .set('Cookie', session.cookie)
      .type('form')
      .send({ csrf: 'x'.repeat(43) })
      .expect(403);
    await request(board.url).get('/employer').set('Cookie', session.cookie).expect(200);
  });

  it('ends a session after 8 hours', async () => {
    const clocked = await startWebBoard();
    const account = await createEmployerAccount(clocked);
    const session = await signIn(clocked, account);
    clocked.clock.advance(8 * 3600_000 - 1000);
    await request(clocked.url).get('/employer').set('Cookie', session.cookie).expect(200);
    clocked.clock.advance(1000);
    const response = await request(clocked.url)
      .get('/employer')
      .set('Cookie', session.cookie)
      .expect(303);
    expect(response.headers['location']).toBe('/sign-in');
  });

  it.each([
    ['an unknown session', `skillproof_session=${'A'.repeat(43)}`],
    ['a malformed cookie', 'skillproof_session=<script>'],
    ['the hash of a real session', undefined],
  ])('treats %s as signed out', async (_label, cookie) => {
    let header = cookie;
    if (header === undefined) {
      const account = await createEmployerAccount(board);
      const session = await signIn(board, account);
      header = `skillproof_session=${hashToken(session.cookie.split('=')[1] as string)}`;
    }
    await request(board.url).get('/employer').set('Cookie', header).expect(303);
  });
});

describe('one-time passwords', () => {
  it('makes an employer with a one-time password choose a new one before anything else', async () => {
    const created = await createEmployer(
      board.store,
      { name: 'Globex', email: 'hr@globex.example' },
      board.clock.now(),
      { passwordLogN: testPasswordLogN },
    );
    const oneTimePassword = created.oneTimePassword as string;
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const response = await postSignIn(board, {
      email: 'hr@globex.example',
      password: oneTimePassword,
    }).expect(303);
    expect(response.headers['location']).toBe('/employer/password');
    const cookie = (cookiesOf(response)[0] as string).split(';')[0] as string;
    const elsewhere = await request(board.url)
      .get('/employer/postings/new')
      .set('Cookie', cookie)
      .expect(303);
    expect(elsewhere.headers['location']).toBe('/employer/password');
    const form = await request(board.url)
      .get('/employer/password')
      .set('Cookie', cookie)
      .expect(200);
    const csrf = csrfFrom(form.text);
    const change = (fields: object) =>
      request(board.url)
        .post('/employer/password')
        .set('Origin', board.origin)
        .set('Cookie', cookie)
        .type('form')
        .send({ csrf, ...fields });

    const wrong = await change({
      currentPassword: 'not it',
      newPassword: 'globex hires people',
      repeatPassword: 'globex hires people',
    }).expect(400);
    expect(wrong.text).toContain('the current password is not right');
    const short = await change({
      currentPassword: oneTimePassword,
      newPassword: 'short',
      repeatPassword: 'short',
    }).expect(400);
    expect(short.text).toContain('use at least 12 characters');
    const differ = await change({
      currentPassword: oneTimePassword,
      newPassword: 'globex hires people',
      repeatPassword: 'globex hires persons',
    }).expect(400);
    expect(differ.text).toContain('the two new passwords differ');

    const done = await change({
      currentPassword: oneTimePassword,
      newPassword: 'globex hires people',
      repeatPassword: 'globex hires people',
    }).expect(303);
    expect(done.headers['location']).toBe('/employer');
    await request(board.url).get('/employer/postings/new').set('Cookie', cookie).expect(200);
    await postSignIn(board, { email: 'hr@globex.example', password: oneTimePassword }).expect(401);
    await postSignIn(board, { email: 'hr@globex.example', password: 'globex hires people' }).expect(
      303,
    );
  });
});
