import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import {
  createEmployerAccount,
  signIn,
  startWebBoard,
  stopWebServers,
  type SignedIn,
  type WebBoard,
} from './fixtures/web-board.js';

// The pages read forms only. Whatever else is posted to them (JSON, text, nothing at all), from
// whoever, with or without a session, they answer 4xx: 415 for a body that is not a form.
let board: WebBoard;
let session: SignedIn;

beforeAll(async () => {
  board = await startWebBoard();
  session = await signIn(board, await createEmployerAccount(board));
});
afterAll(stopWebServers);

const formRoutes = ['/sign-in', '/sign-out', '/employer/postings', '/employer/password'];

const body = fc.oneof(
  fc.record({
    kind: fc.constant('json' as const),
    type: fc.constantFrom('application/json', 'application/merge-patch+json'),
    text: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? 'null'),
  }),
  fc.record({
    kind: fc.constant('text' as const),
    type: fc.constantFrom(
      'text/plain',
      'text/html',
      'multipart/form-data; boundary=x',
      'application/xml',
    ),
    text: fc.string({ minLength: 1, maxLength: 100 }),
  }),
  fc.record({
    kind: fc.constant('empty' as const),
    type: fc.constant(undefined),
    text: fc.constant(''),
  }),
  fc.record({
    kind: fc.constant('empty' as const),
    type: fc.constant('application/x-www-form-urlencoded'),
    text: fc.constant(''),
  }),
);

describe('a form route given something other than a form', () => {
  it('answers 4xx, 415 for a body that is not a form, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...formRoutes),
        body,
        fc.constantFrom(undefined, board.origin, 'https://evil.example'),
        fc.boolean(),
        async (route, sent, origin, signedIn) => {
          const call = request(board.url).post(route);
          if (origin !== undefined) call.set('Origin', origin);
          if (signedIn) call.set('Cookie', session.cookie);
          if (sent.type !== undefined) call.set('Content-Type', sent.type);
          const response = await call.send(sent.text);
          const seen = `${route} ${sent.kind} ${origin ?? '(no origin)'} ${signedIn ? 'signed in' : 'signed out'} -> ${response.status}`;
          expect(seen).not.toMatch(/-> 5\d\d$/);
          expect(response.text).not.toMatch(/\n\s+at |node:internal|TypeError/);
          if (sent.kind !== 'empty') {
            expect(seen).toMatch(/-> 415$/);
          } else if (route === '/sign-out' && !signedIn) {
            // Nobody to sign out: it just goes home.
            expect(seen).toMatch(/-> 303$/);
          } else {
            expect(seen).toMatch(/-> 4\d\d$/);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers an empty sign-in from the board itself with the form again (400), not a crash', async () => {
    const response = await request(board.url)
      .post('/sign-in')
      .set('Origin', board.origin)
      .expect(400);
    expect(response.text).toContain('<form method="post"');
  });
});
