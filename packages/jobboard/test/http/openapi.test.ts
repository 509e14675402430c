import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Application, Posting } from '@skillproof/jobboard';
import {
  fixedNow,
  makeIdentity,
  sendRaw,
  signPresentation,
  type TestIdentity,
} from '@skillproof/testing';
import request from 'supertest';
import {
  adminToken,
  boardDomain,
  createEmployerViaApi,
  createPostingViaApi,
  listApplicationsViaApi,
  applyViaApi,
  startTestJobboard,
  stopTestJobboards,
  type TestJobboard,
} from '../fixtures/jobboard.js';
import { signedBadge } from '../fixtures/signed-badge.js';

const git = 'https://academy.test/achievements/git-basics';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

let board: TestJobboard;
let academy: TestIdentity;
let employer: { id: string; token: string };
let posting: Posting;
let application: Application;
let document: OpenApiDocument;

beforeAll(async () => {
  board = await startTestJobboard();
  board.clock.set(fixedNow);
  academy = makeIdentity();
  employer = await createEmployerViaApi(board.url);
  posting = await createPostingViaApi(board.url, employer.token, [
    { type: 'badge', achievementId: git, acceptedIssuers: [academy.did] },
  ]);
  const holder = makeIdentity();
  application = await applyViaApi(board.url, posting.id, holder, [
    signedBadge(academy, holder, git),
  ]);
  document = (await request(board.url).get('/openapi.json').expect(200)).body as OpenApiDocument;
});

afterAll(stopTestJobboards);

describe('GET /healthz and /readyz', () => {
  it('answers alive, and ready once the database answers and is migrated', async () => {
    const health = await request(board.url).get('/healthz').expect(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');
    expect((await request(board.url).get('/readyz').expect(200)).body).toEqual({
      status: 'ready',
    });
  });
});

describe('GET /openapi.json', () => {
  it('publishes every API route as OpenAPI 3.1, bodies from the zod schemas, errors from the one table', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /openapi.json',
        'GET /healthz',
        'GET /readyz',
        'POST /api/employers',
        'GET /api/postings',
        'POST /api/postings',
        'GET /api/postings/{id}',
        'POST /api/postings/{id}/presentation-request',
        'POST /api/postings/{id}/openid4vp-requests',
        'GET /oid4vp/requests/{id}',
        'POST /oid4vp/responses/{id}',
        'POST /api/postings/{id}/applications',
        'GET /api/postings/{id}/applications',
        'GET /api/postings/{id}/applications/{applicationId}',
        'POST /api/postings/{id}/claims',
        'GET /api/postings/{id}/claims',
        'POST /api/postings/{id}/claims/{claimId}/accept',
        'POST /api/postings/{id}/claims/{claimId}/credential',
        'POST /api/postings/{id}/psbt',
        'POST /api/postings/{id}/payment',
        'POST /api/postings/{id}/cancel',
        'GET /api/postings/{id}/ledger',
      ].sort(),
    );
    const apply = document.paths['/api/postings/{id}/applications']?.['post'];
    const body = apply?.requestBody?.content['application/json']?.schema;
    expect(body).toMatchObject({
      type: 'object',
      properties: { presentation: { anyOf: [{ type: 'string' }, { type: 'object' }] } },
    });
    expect(body).not.toHaveProperty('$schema');
    expect(Object.keys(apply?.responses ?? {}).sort()).toEqual(
      ['201', '400', '404', '409', '413', '415', '500', '503'].sort(),
    );
    expect(apply?.responses['503']?.headers).toHaveProperty('Retry-After');
    const createPosting = document.paths['/api/postings']?.['post'];
    expect(createPosting?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: ['title', 'requirements'],
      additionalProperties: false,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile requests at every documented route: no 5xx, no stack or SQL, and nothing broken.

/** A hostile request before its path is filled in: path parameters, body and headers. */
interface HostileAttempt {
  pathParams: Record<string, string>;
  body: Buffer | undefined;
  headers: Record<string, string>;
}

const deep = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

/** Presentations that are signed, but wrong: no nonce of ours, junk inside, no credentials. */
function signedButWrong(): string[] {
  const stranger = makeIdentity();
  const vp = (credentials: string[], nonce = 'not-a-nonce-of-ours') =>
    signPresentation(stranger, credentials, { nonce, aud: boardDomain });
  return [
    vp([signedBadge(academy, stranger, git)]),
    vp(['not a credential', '{"proof":{"jwt":1}}']),
    vp([]),
    vp([signedBadge(academy, stranger, git)], ''),
  ];
}

/** Values of the wrong type, shape or size, for any field. */
const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(...signedButWrong(), ...signedButWrong().map((jwt) => ({ proof: { jwt } }))),
    fc.constantFrom(
      null,
      true,
      -1,
      1e308,
      '',
      'x'.repeat(70_000),
      '__proto__',
      [],
      {},
      { __proto__: { polluted: true } },
      { constructor: { prototype: { polluted: true } } },
      "'; DROP TABLE postings; --",
      'eyJhbGciOiJub25lIn0.eyJ2cCI6e319.',
      '\u0000\ud800',
    ),
  );

/** A valid body with one field made hostile, or a body of the wrong kind altogether. */
const hostileJson = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .record({
        field: fc.constantFrom(
          'title',
          'requirements',
          'name',
          'presentation',
          'labels',
          'description',
          'verifiablePresentation',
          'email',
          'password',
        ),
        value: hostileValue(),
      })
      .map(({ field, value }) =>
        JSON.stringify({
          title: 'A job',
          name: 'An employer',
          requirements: [{ type: 'badge', achievementId: git, acceptedIssuers: [academy.did] }],
          presentation: 'a.b.c',
          [field]: value,
        }),
      ),
    hostileValue().map((value) => JSON.stringify(value) ?? 'null'),
    fc.integer({ min: 20, max: 5000 }).map((depth) => deep(depth, '[', ']')),
    fc.integer({ min: 20, max: 5000 }).map((depth) => deep(depth, '{"a":', '}')),
    fc.constant(`{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"title":"t"}`),
    fc.constant(`{"presentation":{"proof":{"jwt":"${'a'.repeat(300_000)}"}}}`),
    fc.constant(JSON.stringify({ requirements: Array.from({ length: 5000 }, () => ({})) })),
  );

const hostileBody = (): fc.Arbitrary<Buffer | undefined> =>
  fc.oneof(
    { weight: 3, arbitrary: hostileJson().map((text) => Buffer.from(text)) },
    fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.constantFrom(
      Buffer.from('{"title": "unterminated'),
      Buffer.from('title=A+job&requirements=x'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.alloc(0),
    ),
    fc.constant(undefined),
  );

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/html',
  '',
  'application/json; charset="',
);

const headerText = fc.string({
  unit: fc.constantFrom(...'abcXYZ019 -_=/.;,:"()'.split('')),
  maxLength: 300,
});

function authorizations(): fc.Arbitrary<string | undefined> {
  return fc.constantFrom(
    undefined,
    `Bearer ${adminToken}`,
    `Bearer ${employer.token}`,
    'Bearer',
    'Bearer ',
    `Bearer ${'a'.repeat(8000)}`,
    'Basic YWRtaW46YWRtaW4=',
    `bearer ${employer.token}`,
    `Bearer ${employer.token} extra`,
  );
}

/** A well-formed envelope (JSON, a real token), so that hostile bodies and paths get deep. */
function plausibleHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc.record({
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8'),
    authorization: fc.constantFrom(`Bearer ${adminToken}`, `Bearer ${employer.token}`),
  });
}

function hostileHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record(
      {
        'content-type': contentType,
        authorization: fc.oneof(authorizations(), headerText),
        'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
        cookie: fc.oneof(headerText, fc.constant('skillproof_session=' + 'A'.repeat(43))),
        accept: fc.constantFrom('*/*', 'text/html', 'application/xml', 'garbage/'),
        'x-forwarded-for': headerText,
        origin: fc.constantFrom('null', boardDomain, 'https://evil.example'),
      },
      { requiredKeys: [] },
    )
    .map((headers) =>
      Object.fromEntries(
        Object.entries(headers).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
    );
}

function hostilePathParam(real: () => string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(null).map(() => encodeURIComponent(real())),
    fc.string({ maxLength: 60 }).map((text) => encodeURIComponent(text)),
    fc.constantFrom(
      '..',
      '%2e%2e%2f%2e%2e',
      '%00',
      '%',
      '%E0%A4%A',
      '%ZZ',
      '__proto__',
      'constructor',
      "'%20OR%201%3D1%20--",
      'a'.repeat(5000),
      '%F0%9F%92%A9',
    ),
  );
}

/** No stack trace, no file of ours, no SQL and no SQLite in an answer. */
const leak =
  /\n\s+at |node:internal|node_modules|\.[jt]s:\d+|SQLITE_|sqlite|no such (table|column)|syntax error|SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s.+\sSET/i;

async function snapshot() {
  const shownPosting = (await request(board.url).get(`/api/postings/${posting.id}`).expect(200))
    .body as Posting;
  const listed = await listApplicationsViaApi(board.url, posting.id, employer.token);
  return { shownPosting, listed };
}

describe('every documented route, under hostile requests', () => {
  it('never answers 5xx, never leaks a stack or SQL, and leaves the employer, posting and application intact', async () => {
    const before = await snapshot();
    expect(before.listed.map((entry) => entry.id)).toEqual([application.id]);
    const real: Record<string, () => string> = {
      id: () => posting.id,
      applicationId: () => application.id,
    };
    let sent = 0;
    for (const [template, methods] of Object.entries(document.paths)) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
      for (const method of Object.keys(methods)) {
        const hostile: fc.Arbitrary<HostileAttempt> = fc.record({
          pathParams: fc.record(
            Object.fromEntries(
              names.map((name) => [name, hostilePathParam(real[name] ?? (() => 'x'))]),
            ),
          ),
          body: hostileBody(),
          headers: fc.oneof(
            { weight: 3, arbitrary: plausibleHeaders() },
            { weight: 2, arbitrary: hostileHeaders() },
          ),
        });
        await fc.assert(
          fc.asyncProperty(hostile, async (attempt) => {
            const path = template.replace(
              /\{(\w+)\}/g,
              (_whole, name: string) => attempt.pathParams[name] ?? 'x',
            );
            const answer = await sendRaw(board.url, {
              method,
              path,
              headers: attempt.headers,
              body: attempt.body,
            });
            sent += 1;
            const seen = `${method.toUpperCase()} ${path.slice(0, 120)} -> ${answer.status}: ${answer.text.slice(0, 300)}`;
            expect({ seen, serverError: answer.status >= 500 }).toEqual({
              seen,
              serverError: false,
            });
            expect(answer.text).not.toMatch(leak);
          }),
          { numRuns: 50 },
        );
      }
    }
    expect(sent).toBeGreaterThanOrEqual(9 * 50);
    // Nothing that existed before was changed or lost; the employer's token still works.
    expect(await snapshot()).toEqual(before);
    expect({} as Record<string, unknown>).not.toHaveProperty('polluted');
    expect({} as Record<string, unknown>).not.toHaveProperty('isAdmin');
  }, 120_000);
});
