import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  createEmployerAccount,
  signIn,
  startCatalogServer,
  startWebBoard,
  stopWebServers,
  type CatalogServer,
  type SignedIn,
  type WebBoard,
} from './fixtures/web-board.js';

let catalog: CatalogServer;
let board: WebBoard;
let acme: SignedIn;
let globex: SignedIn;

beforeAll(async () => {
  catalog = await startCatalogServer();
  // The second issuer URL refuses connections: its catalogue is reported, not fatal.
  board = await startWebBoard({ issuerUrls: [catalog.url, 'http://127.0.0.1:9'] });
  acme = await signIn(board, await createEmployerAccount(board, 'Acme'));
  globex = await signIn(board, await createEmployerAccount(board, 'Globex'));
});
afterAll(stopWebServers);

function postForm(
  session: SignedIn | undefined,
  path: string,
  form: Record<string, string | string[]>,
  origin = board.origin,
) {
  const call = request(board.url).post(path).set('Origin', origin).type('form');
  if (session) call.set('Cookie', session.cookie);
  return call.send(session ? { csrf: session.csrf, ...form } : form);
}

const gitBasicsRequired = {
  title: 'Junior developer',
  description: 'Git daily.',
  'badge-0': 'required',
  'badge-0-id': '',
  'badge-0-min': '80',
};

function gitForm(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    ...gitBasicsRequired,
    'badge-0-id': `${catalog.url}/achievements/git-basics`,
    ...overrides,
  };
}

async function postingCount(): Promise<number> {
  return (await board.store.listPostings()).length;
}

describe('employer pages without a session', () => {
  it.each([
    '/employer',
    '/employer/postings/new',
    '/employer/postings/00000000-0000-4000-8000-000000000000',
    '/employer/password',
  ])('sends GET %s to the sign-in page', async (path) => {
    const response = await request(board.url).get(path).expect(303);
    expect(response.headers['location']).toBe('/sign-in');
  });

  it('refuses a posting form without a session with a 401 page, and stores nothing', async () => {
    const before = await postingCount();
    const response = await postForm(undefined, '/employer/postings', gitForm()).expect(401);
    expect(response.headers['content-type']).toMatch(/html/);
    expect(await postingCount()).toBe(before);
  });
});

describe('the posting form', () => {
  it('offers the badges and skills of the configured issuers, and says which issuer could not be read', async () => {
    const response = await request(board.url)
      .get('/employer/postings/new')
      .set('Cookie', acme.cookie)
      .expect(200);
    expect(response.text).toContain(
      `Badges from <details class="issuer"><summary>Test Academy</summary><span class="did">${catalog.issuerDid}</span></details>`,
    );
    expect(response.text).toContain(
      `name="badge-0-id" value="${catalog.url}/achievements/git-basics"`,
    );
    expect(response.text).toContain(
      `name="badge-1-id" value="${catalog.url}/achievements/sql-basics"`,
    );
    expect(response.text).toContain('value="https://skills.example/version-control"');
    expect(response.text).toContain(
      'The catalogue of http://127.0.0.1:9 could not be read: it could not be reached.',
    );
    expect(response.text).toContain(`name="csrf" value="${acme.csrf}"`);
  });

  it('publishes a posting with clauses built from the catalogue, and the issuer from the catalogue', async () => {
    const response = await postForm(
      acme,
      '/employer/postings',
      gitForm({
        'badge-1': 'any-of',
        'badge-1-id': `${catalog.url}/achievements/sql-basics`,
        'any-of-count': '1',
        skill: 'https://skills.example/version-control',
      }),
    ).expect(303);
    const id = /^\/employer\/postings\/([0-9a-f-]{36})$/.exec(
      response.headers['location'] as string,
    )?.[1] as string;
    const posting = await board.store.findPosting(id);
    expect(posting).toMatchObject({ title: 'Junior developer', description: 'Git daily.' });
    expect(posting?.requirements).toEqual([
      expect.objectContaining({
        type: 'badge',
        achievementId: `${catalog.url}/achievements/git-basics`,
        acceptedIssuers: [catalog.issuerDid],
        minScore: 80,
      }),
      expect.objectContaining({
        type: 'any-of',
        count: 1,
        achievementIds: [`${catalog.url}/achievements/sql-basics`],
        acceptedIssuers: [catalog.issuerDid],
      }),
      expect.objectContaining({
        type: 'skill',
        skillUrl: 'https://skills.example/version-control',
        acceptedIssuers: [catalog.issuerDid],
      }),
    ]);
    const page = await request(board.url)
      .get(`/employer/postings/${id}`)
      .set('Cookie', acme.cookie)
      .expect(200);
    expect(page.text).toContain('No applications yet.');
    expect(page.text).toContain('0 applied, 0 qualified');
  });

  it.each([
    [
      'a badge no trusted issuer offers (a tampered hidden field)',
      () => gitForm({ 'badge-0-id': 'https://evil.example/achievements/anything' }),
      'is not in the catalogue of any issuer this board trusts',
    ],
    [
      'a skill no badge is aligned to',
      () => gitForm({ skill: 'https://evil.example/skill' }),
      'is not aligned to any badge this board offers',
    ],
    [
      'no requirement at all',
      () => ({ title: 'Nothing needed' }),
      'choose at least one badge or skill the job needs',
    ],
    [
      'a minimum score above 100',
      () => gitForm({ 'badge-0-min': '101' }),
      'must be a whole number from 0 to 100',
    ],
    ['a blank title', () => gitForm({ title: '   ' }), 'title'],
    [
      'an unknown choice for a badge',
      () => gitForm({ 'badge-0': 'mandatory' }),
      'choose required, one of, or neither',
    ],
  ])(
    'refuses %s with the form again (400), the message, and nothing stored',
    async (_label, form, message) => {
      const before = await postingCount();
      const response = await postForm(acme, '/employer/postings', form()).expect(400);
      expect(response.headers['content-type']).toMatch(/html/);
      expect(response.text).toContain('role="alert"');
      expect(response.text).toContain(message);
      expect(response.text).toContain('<form method="post" action="/employer/postings"');
      expect(await postingCount()).toBe(before);
    },
  );

  it('keeps what the employer typed when it shows the form again', async () => {
    const response = await postForm(
      acme,
      '/employer/postings',
      gitForm({ title: 'Keep me', 'badge-0-min': '101', 'require-transparency': 'yes' }),
    ).expect(400);
    expect(response.text).toContain('value="Keep me"');
    expect(response.text).toContain('value="101"');
    expect(response.text).toContain('name="require-transparency" value="yes" checked');
  });

  it('publishes a posting that requires transparency when its box is ticked, and says so', async () => {
    const response = await postForm(
      acme,
      '/employer/postings',
      gitForm({ 'require-transparency': 'yes' }),
    ).expect(303);
    const id = (response.headers['location'] as string).split('/').at(-1) as string;
    expect((await board.store.findPosting(id))?.requireTransparency).toBe(true);
    const publicPage = await request(board.url).get(`/postings/${id}`).expect(200);
    expect(publicPage.text).toContain('id="requires-transparency"');
    const applicants = await request(board.url)
      .get(`/employer/postings/${id}`)
      .set('Cookie', acme.cookie)
      .expect(200);
    expect(applicants.text).toContain('id="requires-transparency"');
  });

  it.each([
    [
      'no CSRF token',
      (form: Record<string, string | string[]>) => {
        const { csrf: _csrf, ...rest } = form;
        return rest;
      },
      undefined,
    ],
    [
      "another session's CSRF token",
      (form: Record<string, string | string[]>) => ({ ...form, csrf: globex.csrf }),
      undefined,
    ],
    ['a foreign Origin', (form: Record<string, string | string[]>) => form, 'https://evil.example'],
  ])(
    'refuses a posting form with %s (403 page), and stores nothing',
    async (_label, alter, origin) => {
      const before = await postingCount();
      const response = await request(board.url)
        .post('/employer/postings')
        .set('Origin', origin ?? board.origin)
        .set('Cookie', acme.cookie)
        .type('form')
        .send(alter({ csrf: acme.csrf, ...gitForm() }))
        .expect(403);
      expect(response.headers['content-type']).toMatch(/html/);
      expect(await postingCount()).toBe(before);
    },
  );

  it('answers an oversized form with a 413 page, and stores nothing', async () => {
    const before = await postingCount();
    const response = await postForm(
      acme,
      '/employer/postings',
      gitForm({ description: 'x'.repeat(70_000) }),
    ).expect(413);
    expect(response.headers['content-type']).toMatch(/html/);
    expect(await postingCount()).toBe(before);
  });
});

describe('ownership', () => {
  let acmePostingId: string;

  beforeAll(async () => {
    const response = await postForm(
      acme,
      '/employer/postings',
      gitForm({ title: 'Acme only' }),
    ).expect(303);
    acmePostingId = (response.headers['location'] as string).split('/').at(-1) as string;
  });

  it("shows a posting's applicants to its employer only: another employer gets a 403 page", async () => {
    await request(board.url)
      .get(`/employer/postings/${acmePostingId}`)
      .set('Cookie', acme.cookie)
      .expect(200);
    const response = await request(board.url)
      .get(`/employer/postings/${acmePostingId}`)
      .set('Cookie', globex.cookie)
      .expect(403);
    expect(response.headers['content-type']).toMatch(/html/);
    expect(response.text).toContain('this posting belongs to another employer');
    expect(response.text).not.toContain('Acme only');
  });

  it("lists only the employer's own postings", async () => {
    const own = await request(board.url).get('/employer').set('Cookie', globex.cookie).expect(200);
    expect(own.text).not.toContain('Acme only');
    const acmes = await request(board.url).get('/employer').set('Cookie', acme.cookie).expect(200);
    expect(acmes.text).toContain('Acme only');
  });

  it('links the public page to the applicants for the owner only', async () => {
    const owner = await request(board.url)
      .get(`/postings/${acmePostingId}`)
      .set('Cookie', acme.cookie)
      .expect(200);
    expect(owner.text).toContain('see applicants');
    const other = await request(board.url)
      .get(`/postings/${acmePostingId}`)
      .set('Cookie', globex.cookie)
      .expect(200);
    expect(other.text).not.toContain('see applicants');
  });

  it('answers an unknown posting with a 404 page', async () => {
    const response = await request(board.url)
      .get('/employer/postings/00000000-0000-4000-8000-000000000000')
      .set('Cookie', acme.cookie)
      .expect(404);
    expect(response.headers['content-type']).toMatch(/html/);
  });
});

describe('escaping', () => {
  it('renders a posting title of <script>alert(1)</script> as text on every page', async () => {
    const title = '<script>alert(1)</script>';
    const response = await postForm(
      acme,
      '/employer/postings',
      gitForm({ title, description: '<img src=x onerror=alert(2)>' }),
    ).expect(303);
    const id = (response.headers['location'] as string).split('/').at(-1) as string;
    const pages = [
      await request(board.url).get('/').expect(200),
      await request(board.url).get(`/postings/${id}`).expect(200),
      await request(board.url).get('/employer').set('Cookie', acme.cookie).expect(200),
      await request(board.url)
        .get(`/employer/postings/${id}`)
        .set('Cookie', acme.cookie)
        .expect(200),
    ];
    for (const page of pages) {
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).not.toContain('<script>');
      expect(page.text).not.toContain('<img src=x');
    }
  });

  it('keeps the strict content security policy on pages: no inline scripts', async () => {
    const response = await request(board.url).get('/').expect(200);
    const policy = response.headers['content-security-policy'] as string;
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain("unsafe-inline'; script");
    expect(policy).toContain("form-action 'self'");
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });
});
