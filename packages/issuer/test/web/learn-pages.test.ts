// The learners' web pages over HTTP: escaping, the cookie and CSRF locks, one learner's attempt
// out of another's reach, grading once, what a failed and a passed attempt show, and HTML error
// pages (never JSON, never a 500) for every way a page request goes wrong.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findBadge, loadDefaultCatalog, type Catalog } from '../../src/index.js';
import { issuerDomain, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import {
  answerFields,
  newBrowser,
  postForm,
  startWebAttempt,
  type WebBrowser,
} from './web-learner-fixture.js';
import { selectRows } from '../fixtures/select-rows.js';

const defaults = loadDefaultCatalog();
const git = findBadge(defaults, 'git-basics');
const hostileName = '<script>alert("name")</script> & Git';
const catalog: Catalog = {
  ...defaults,
  badges: defaults.badges.map((badge) =>
    badge.id === 'git-basics'
      ? { ...badge, name: hostileName, description: '<img src=x onerror=alert(1)>' }
      : badge,
  ),
};

let issuer: TestIssuer;

beforeAll(async () => {
  issuer = await startTestIssuer({ catalog });
});

afterAll(async () => {
  await issuer.close();
});

async function countRows(table: string): Promise<number> {
  return (
    (await selectRows<{ n: number }>(issuer.db, `SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ??
    Number.NaN
  );
}

function expectErrorPage(
  response: { status: number; headers: Record<string, string>; text: string },
  status: number,
  message: RegExp,
): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  expect(response.text).toMatch(message);
  expect(response.text).toContain('href="/learn">back to the badges</a>');
  expect(response.text).not.toMatch(/"error":|at .+\.ts:\d+/);
}

describe('the badges page', () => {
  it('lists every badge with its image, criteria, size, pass rule and a start form', async () => {
    const page = await issuer.http.get('/learn').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="en">');
    expect(page.text.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page.text).toContain('<a class="skip-link" href="#content">');
    for (const badge of defaults.badges) {
      expect(page.text).toContain(`action="/learn/badges/${badge.id}/attempts"`);
      expect(page.text).toContain(`src="/badges/${badge.id}/image.svg"`);
    }
    expect(page.text).toContain('4 questions; pass with at least 75% of the tasks right');
    expect(page.text).toContain('5 programming puzzles; pass with at least 80% of the tasks right');
    expect(page.text).toContain('5 attempts; after one that does not pass, wait 5 minutes');
    expect(page.text).toContain(
      'Valid for</dt><dd class="validity">730 days; renew it in its last 60 days with 2 of its tasks: skillproof renew git-basics',
    );
    expect(page.text).toContain(
      'Take the test<span class="visually-hidden"> for Russian History I',
    );
  });

  it('escapes what the catalogue says: a <script> in a name is text, not markup', async () => {
    const page = await issuer.http.get('/learn').expect(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; &amp; Git');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('gives a new browser an HttpOnly, SameSite=Lax learner cookie, Secure on an https issuer', async () => {
    const page = await issuer.http.get('/learn').expect(200);
    const [cookie] = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
    expect(cookie).toMatch(/^skillproof_learner=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; /);
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Lax');
    expect(cookie).toContain('; Secure');
    // A browser that has one keeps it.
    const browser = await newBrowser(issuer);
    const again = await issuer.http.get('/learn').set('Cookie', browser.cookie).expect(200);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.text).toContain(`name="csrf" value="${browser.csrf}"`);
  });

  it('is where / leads', async () => {
    await issuer.http.get('/').expect(303).expect('Location', '/learn');
  });
});

describe('starting a test', () => {
  it('refuses a form without the CSRF token, with another browser’s, or from another site', async () => {
    const browser = await newBrowser(issuer);
    const other = await newBrowser(issuer);
    const before = await countRows('issuer_attempts');
    const path = '/learn/badges/git-basics/attempts';
    expectErrorPage(
      await postForm(issuer, browser, path, { csrf: '' }),
      403,
      /expired or was not sent from your session/,
    );
    expectErrorPage(
      await postForm(issuer, browser, path, { csrf: other.csrf }),
      403,
      /expired or was not sent from your session/,
    );
    expectErrorPage(
      await issuer.http
        .post(path)
        .set('Origin', 'https://evil.example')
        .set('Cookie', browser.cookie)
        .type('form')
        .send({ csrf: browser.csrf }),
      403,
      /not sent from a page of this site/,
    );
    expectErrorPage(
      await issuer.http
        .post(path)
        .set('Origin', issuerDomain)
        .type('form')
        .send({ csrf: browser.csrf }),
      403,
      /no learner cookie/,
    );
    expect(await countRows('issuer_attempts')).toBe(before);
  });

  it('answers an unknown badge with a 404 page and a JSON body with a 415 page', async () => {
    const browser = await newBrowser(issuer);
    expectErrorPage(
      await postForm(issuer, browser, '/learn/badges/no-such-badge/attempts'),
      404,
      /no-such-badge/,
    );
    expectErrorPage(
      await issuer.http
        .post('/learn/badges/git-basics/attempts')
        .set('Origin', issuerDomain)
        .set('Cookie', browser.cookie)
        .send({ csrf: browser.csrf }),
      415,
      /./,
    );
    expectErrorPage(await issuer.http.get('/learn/nothing-here'), 404, /no page/);
  });

  it('shows the test: quiz questions as radio groups with a legend, each choice labelled', async () => {
    const browser = await newBrowser(issuer);
    const attemptId = await startWebAttempt(issuer, browser, 'git-basics');
    const page = await issuer.http
      .get(`/learn/attempts/${attemptId}`)
      .set('Cookie', browser.cookie)
      .expect(200);
    expect(page.text.match(/<fieldset class="task">/g)).toHaveLength(git.tasks.length);
    expect(page.text).toContain(
      '<legend>1. Which command records the staged changes as a new commit?</legend>',
    );
    expect(page.text).toMatch(
      /<label class="choice"><input type="radio" name="answer-q1" value="c"> git commit<\/label>/,
    );
    expect(page.text).toContain(`action="/learn/attempts/${attemptId}/answers"`);
    // The same order on a reload.
    const again = await issuer.http
      .get(`/learn/attempts/${attemptId}`)
      .set('Cookie', browser.cookie)
      .expect(200);
    expect(again.text).toBe(page.text);
  });

  it('shows a puzzle with the learner’s own input in a <pre> and a labelled text input', async () => {
    const browser = await newBrowser(issuer);
    const other = await newBrowser(issuer);
    const inputs = await Promise.all(
      [browser, other].map(async (learner) => {
        const attemptId = await startWebAttempt(issuer, learner, 'python-problems-1');
        const page = await issuer.http
          .get(`/learn/attempts/${attemptId}`)
          .set('Cookie', learner.cookie)
          .expect(200);
        expect(page.text).toMatch(/<label for="answer-p1">Answer to task 1 \(.+\)<\/label>/);
        expect(page.text).toContain('<input type="text" id="answer-p1" name="answer-p1"');
        return /<pre class="puzzle-input" id="input-p1"[^>]*>([^<]*)<\/pre>/.exec(page.text)?.[1];
      }),
    );
    expect(inputs[0]).toEqual(expect.any(String));
    expect(inputs[0]).not.toBe(inputs[1]);
  });

  it('counts starts per web learner, like the API per DID', async () => {
    const limited = await startTestIssuer({
      rateLimits: { attempts: { limit: 2, windowMs: 60_000 } },
    });
    try {
      const browser = await newBrowser(limited);
      await startWebAttempt(limited, browser, 'git-basics');
      await startWebAttempt(limited, browser, 'sql-basics');
      const refused = await postForm(limited, browser, '/learn/badges/http-basics/attempts');
      expectErrorPage(refused, 429, /attempt requests/);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      // Another learner is counted apart.
      await startWebAttempt(limited, await newBrowser(limited), 'git-basics');
    } finally {
      await limited.close();
    }
  });

  it('counts starts per client address too: clearing cookies makes no fresh start', async () => {
    const limited = await startTestIssuer({
      rateLimits: { webAttemptStarts: { limit: 2, windowMs: 60 * 60_000 } },
    });
    try {
      const first = await newBrowser(limited);
      const started = await startWebAttempt(limited, first, 'git-basics');
      limited.clock.advance(10 * 60_000);
      await startWebAttempt(limited, await newBrowser(limited), 'git-basics');
      // A third browser from the same address (as after clearing cookies): refused, no attempt.
      const fresh = await newBrowser(limited);
      const refused = await postForm(limited, fresh, '/learn/badges/git-basics/attempts');
      expectErrorPage(refused, 429, /too many tests started from this network address/);
      expect(refused.headers['retry-after']).toBe('3000');
      expect(await limited.store.listAttempts(fresh.did, 'git-basics')).toEqual([]);
      // Answers are no starts: a started test can still be handed in.
      await postForm(limited, first, `/learn/attempts/${started}/answers`, {
        ...answerFields(git, first.did, true),
      }).expect(303);
      limited.clock.advance(50 * 60_000);
      await startWebAttempt(limited, fresh, 'git-basics');
    } finally {
      await limited.close();
    }
  });
});

describe('answering a test', () => {
  let browser: WebBrowser;

  beforeAll(async () => {
    browser = await newBrowser(issuer);
  });

  it('grades a failed attempt once and shows the score, the attempts left and the next start', async () => {
    const attemptId = await startWebAttempt(issuer, browser, 'git-basics');
    await postForm(issuer, browser, `/learn/attempts/${attemptId}/answers`, {
      ...answerFields(git, browser.did, false),
    })
      .expect(303)
      .expect('Location', `/learn/attempts/${attemptId}`);
    const result = await issuer.http
      .get(`/learn/attempts/${attemptId}`)
      .set('Cookie', browser.cookie)
      .expect(200);
    expect(result.text).toContain('You scored <strong>0%</strong> (0 of 4 right)');
    expect(result.text).toContain('Attempts left: <strong>4</strong>');
    expect(result.text).toContain(
      'Your next attempt may start at <strong>2030-01-15 10:05 UTC</strong>',
    );
    expect(result.text).not.toContain('openid-credential-offer://');

    expectErrorPage(
      await postForm(issuer, browser, `/learn/attempts/${attemptId}/answers`, {
        ...answerFields(git, browser.did, true),
      }),
      409,
      /graded already/,
    );
    const attempt = await issuer.store.findAttempt(attemptId);
    expect(attempt).toMatchObject({ passed: false, score: 0, did: browser.did });
    // The cooldown holds for a web learner as for a DID.
    expectErrorPage(
      await postForm(issuer, browser, '/learn/badges/git-basics/attempts'),
      429,
      /next attempt at .* can start at 2030-01-15T10:05:00.000Z/,
    );
  });

  it('refuses another browser’s attempt: its page and its answers are 403 pages', async () => {
    const owner = await newBrowser(issuer);
    const other = await newBrowser(issuer);
    const attemptId = await startWebAttempt(issuer, owner, 'sql-basics');
    expectErrorPage(
      await issuer.http.get(`/learn/attempts/${attemptId}`).set('Cookie', other.cookie),
      403,
      /belongs to another learner/,
    );
    expectErrorPage(
      await postForm(issuer, other, `/learn/attempts/${attemptId}/answers`, {
        ...answerFields(findBadge(defaults, 'sql-basics'), other.did, true),
      }),
      403,
      /belongs to another learner/,
    );
    expect((await issuer.store.findAttempt(attemptId))?.gradedAt).toBeNull();
    expectErrorPage(
      await issuer.http
        .get('/learn/attempts/00000000-0000-4000-8000-000000000000')
        .set('Cookie', other.cookie),
      404,
      /no attempt/,
    );
  });

  it('answers bad form input with a 400 page and grades nothing', async () => {
    const learner = await newBrowser(issuer);
    const attemptId = await startWebAttempt(issuer, learner, 'http-basics');
    const path = `/learn/attempts/${attemptId}/answers`;
    expectErrorPage(
      await postForm(issuer, learner, path, { 'answer-q2': 'z' }),
      400,
      /not one of the task&#39;s choice ids/,
    );
    expectErrorPage(
      await postForm(issuer, learner, path, { 'answer-nope': 'a' }),
      400,
      /no such task/,
    );
    expectErrorPage(
      await postForm(issuer, learner, path, { 'answer-q1': 'x'.repeat(300) }),
      400,
      /at most 256 characters/,
    );
    expect((await issuer.store.findAttempt(attemptId))?.gradedAt).toBeNull();
  });

  it('answers an expired attempt with a 409 page', async () => {
    const clocked = await startTestIssuer();
    try {
      const learner = await newBrowser(clocked);
      const attemptId = await startWebAttempt(clocked, learner, 'git-basics');
      clocked.clock.advance(31 * 60_000);
      expectErrorPage(
        await clocked.http.get(`/learn/attempts/${attemptId}`).set('Cookie', learner.cookie),
        409,
        /expired/,
      );
      expectErrorPage(
        await postForm(clocked, learner, `/learn/attempts/${attemptId}/answers`, {
          ...answerFields(git, learner.did, true),
        }),
        409,
        /expired/,
      );
    } finally {
      await clocked.close();
    }
  });

  it('issues no credential when a web attempt passes: the grade alone is recorded', async () => {
    const learner = await newBrowser(issuer);
    const credentialsBefore = await countRows('issuer_credentials');
    const attemptId = await startWebAttempt(issuer, learner, 'git-basics');
    await postForm(issuer, learner, `/learn/attempts/${attemptId}/answers`, {
      ...answerFields(git, learner.did, true),
    }).expect(303);
    expect(await issuer.store.findAttempt(attemptId)).toMatchObject({
      passed: true,
      score: 100,
      credentialId: null,
    });
    expect(await countRows('issuer_credentials')).toBe(credentialsBefore);
    const result = await issuer.http
      .get(`/learn/attempts/${attemptId}`)
      .set('Cookie', learner.cookie)
      .expect(200);
    expect(result.text).toContain('You scored <strong>100%</strong> (4 of 4 right)');
    expect(await countRows('issuer_credentials')).toBe(credentialsBefore);
  });

  it('keeps the API JSON: an unknown API path is still answered with {error}', async () => {
    const response = await issuer.http.get('/no-such-endpoint').expect(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
