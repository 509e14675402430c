import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createPosting } from '../../src/domain/create-posting.js';
import { postingInputSchema } from '../../src/domain/posting-input.js';
import type { Posting } from '@skillproof/jobboard';
import { makeIdentity } from '@skillproof/testing';
import {
  createEmployerAccount,
  signIn,
  startWebBoard,
  stopWebServers,
  type WebBoard,
} from './fixtures/web-board.js';

let board: WebBoard;
let posting: Posting;
const issuerDid = makeIdentity().did;

async function postingTitled(
  title: string,
  description = 'Python and SQL, day one.',
  on: WebBoard = board,
): Promise<Posting> {
  const employer = await createEmployerAccount(on);
  const employerRecord = {
    id: employer.id,
    name: employer.name,
    createdAt: on.clock.now().toISOString(),
  };
  const input = postingInputSchema.parse({
    title,
    description,
    requirements: [
      {
        achievementId: 'https://academy.test/achievements/git-basics',
        acceptedIssuers: [issuerDid],
      },
    ],
  });
  return createPosting(on.store, employerRecord, input, on.clock.now());
}

beforeAll(async () => {
  board = await startWebBoard();
  posting = await postingTitled('Junior data analyst');
});
afterAll(stopWebServers);

describe('GET /', () => {
  it('lists the postings as HTML', async () => {
    const response = await request(board.url).get('/').expect(200).expect('Content-Type', /html/);
    expect(response.text).toContain('Junior data analyst');
    expect(response.text).toContain(`href="/postings/${posting.id}"`);
  });
});

describe('GET /postings/:id', () => {
  it('shows requirements, the apply command and a QR code of the posting URL', async () => {
    const response = await request(board.url).get(`/postings/${posting.id}`).expect(200);
    const postingUrl = `${board.url}/postings/${posting.id}`;
    expect(response.text).toContain(`>skillproof apply ${postingUrl}</textarea>`);
    expect(response.text).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox/);
    // The badge by name (short, unlabelled), its id and its issuer's DID one click away.
    expect(response.text).toContain('<span class="requirement-text">git-basics</span>');
    expect(response.text).toContain(
      '<span class="url">https://academy.test/achievements/git-basics</span>',
    );
    expect(response.text).toContain(`<span class="did">${issuerDid}</span>`);
    expect(response.text).toContain(`${board.url}/api/postings/${posting.id}/presentation-request`);
  });
});

describe('pages for everyone', () => {
  it('answers an unknown posting with a friendly 404 page', async () => {
    const response = await request(board.url)
      .get('/postings/00000000-0000-4000-8000-000000000000')
      .expect(404)
      .expect('Content-Type', /html/);
    expect(response.text).toContain('<h1>Not found</h1>');
    expect(response.text).toContain('no posting 00000000-0000-4000-8000-000000000000');
  });

  it('serves its stylesheet and icon', async () => {
    await request(board.url).get('/static/jobboard.css').expect(200).expect('Content-Type', /css/);
    await request(board.url).get('/static/favicon.svg').expect(200).expect('Content-Type', /svg/);
    await request(board.url).get('/static/nothing.css').expect(404);
  });

  it('sends a signed-in employer from the sign-in page to their postings', async () => {
    const session = await signIn(board, await createEmployerAccount(board));
    const response = await request(board.url)
      .get('/sign-in')
      .set('Cookie', session.cookie)
      .expect(303);
    expect(response.headers['location']).toBe('/employer');
  });

  it('keeps employer pages out of caches', async () => {
    const session = await signIn(board, await createEmployerAccount(board));
    const response = await request(board.url).get('/employer').set('Cookie', session.cookie);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('a board published under a path (https://jobs.test/board)', () => {
  it('puts the path in links, redirects, the cookie, the apply command and the QR code', async () => {
    const proxied = await startWebBoard({ publicUrl: 'https://jobs.test/board' });
    const posting = await postingTitled('Behind a proxy', '', proxied);
    const list = await request(proxied.url).get('/').expect(200);
    expect(list.text).toContain(`href="/board/postings/${posting.id}"`);
    expect(list.text).toContain('href="/board/static/jobboard.css"');
    const page = await request(proxied.url).get(`/postings/${posting.id}`).expect(200);
    expect(page.text).toContain(
      `>skillproof apply https://jobs.test/board/postings/${posting.id}</textarea>`,
    );
    const account = await createEmployerAccount(proxied);
    const signedIn = await request(proxied.url)
      .post('/sign-in')
      .set('Origin', 'https://jobs.test')
      .type('form')
      .send({ email: account.email, password: account.password })
      .expect(303);
    expect(signedIn.headers['location']).toBe('/board/employer');
    expect(([] as string[]).concat(signedIn.headers['set-cookie'] ?? [])[0]).toMatch(
      /; Path=\/board; .*; Secure$/,
    );
  });
});
