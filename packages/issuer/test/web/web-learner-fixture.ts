import { createHash } from 'node:crypto';
import type { Badge } from '../../src/index.js';
import { puzzleInstance } from '../../src/index.js';
import { issuerDomain, puzzleSecret, type TestIssuer } from '../fixtures/issuer-harness.js';

/** A browser on the learners' pages, reduced to what forms need: its cookie and CSRF token. */
export interface WebBrowser {
  /** `skillproof_learner=…` as the browser sends it back. */
  cookie: string;
  csrf: string;
  /** The learner's identity in the attempts table, as the issuer derives it from the cookie. */
  did: string;
}

/** The value of the first hidden `csrf` field of a page. */
export function csrfFrom(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('the page has no CSRF field');
  return match[1];
}

/** Opens the badges page as a new browser and keeps the cookie it is given. */
export async function newBrowser(issuer: TestIssuer): Promise<WebBrowser> {
  const page = await issuer.http.get('/learn').expect(200);
  const setCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
  const cookie = setCookie[0]?.split(';')[0];
  if (!cookie) throw new Error('no learner cookie');
  const token = cookie.slice(cookie.indexOf('=') + 1);
  return {
    cookie,
    csrf: csrfFrom(page.text),
    did: `urn:skillproof:web-learner:${createHash('sha256').update(token).digest('base64url')}`,
  };
}

/** A form post from `browser` on the issuer's own page (its Origin, cookie and CSRF token). */
export function postForm(
  issuer: TestIssuer,
  browser: WebBrowser,
  path: string,
  form: Record<string, string> = {},
) {
  return issuer.http
    .post(path)
    .set('Origin', issuerDomain)
    .set('Cookie', browser.cookie)
    .type('form')
    .send({ csrf: browser.csrf, ...form });
}

/** Starts a test at `badge` through its form (303 expected) and returns the attempt's id. */
export async function startWebAttempt(
  issuer: TestIssuer,
  browser: WebBrowser,
  badge: string,
): Promise<string> {
  const response = await postForm(issuer, browser, `/learn/badges/${badge}/attempts`).expect(303);
  const match = /^\/learn\/attempts\/([0-9a-f-]{36})$/.exec(response.headers['location'] ?? '');
  if (!match?.[1]) throw new Error(`started, but redirected to ${response.headers['location']}`);
  return match[1];
}

/** `answer-<task id>` fields for every task of `badge` right (`right`) or wrong. */
export function answerFields(badge: Badge, did: string, right: boolean): Record<string, string> {
  return Object.fromEntries(
    badge.tasks.map((task) => {
      if (task.kind === 'quiz') {
        const wrong = task.choices.find((choice) => choice.id !== task.answer)?.id as string;
        return [`answer-${task.id}`, right ? task.answer : wrong];
      }
      if (task.kind === 'puzzle') {
        // The server-side generator computes this learner's own answer.
        const answer = puzzleInstance(puzzleSecret, did, badge.id, task).answer;
        return [`answer-${task.id}`, right ? answer : `${answer}0`];
      }
      return [`answer-${task.id}`, right ? (task.acceptedAnswers[0] as string) : 'no idea'];
    }),
  );
}
