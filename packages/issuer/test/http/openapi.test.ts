import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { httpStatusByErrorCode, type ErrorCode } from '@skillproof/core';
import { registeredRoutes } from '@skillproof/testing';
import { isPagePath } from '../../src/is-page-path.js';
import { startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';

describe('GET /openapi.json', () => {
  let issuer: TestIssuer;
  let document: {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, Record<string, { requestBody?: { content: object } }>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const response = await issuer.http.get('/openapi.json').expect(200);
    document = response.body;
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('is an OpenAPI 3.1 document for this issuer', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'https://academy.test' }]);
  });

  it('describes every API route registered on the app, and no route that does not exist', () => {
    // The learners' HTML pages are no API (as on the job board): they are not described.
    const routes = registeredRoutes(issuer.app).filter(
      (route) => !isPagePath(route.slice(route.indexOf(' ') + 1)),
    );
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(routes);
  });

  it('gives every POST its request body schema, generated from the route’s zod schema', () => {
    // The OpenID4VCI nonce endpoint reads no body (OpenID4VCI 1.0 §7.1).
    const posts = Object.entries(document.paths).filter(
      ([path, operations]) => operations['post'] && path !== '/oid4vci/nonce',
    );
    expect(posts.length).toBeGreaterThan(0);
    expect(document.paths['/oid4vci/nonce']?.['post']?.requestBody).toBeUndefined();
    for (const [path, operations] of posts) {
      // The token endpoint reads a form (RFC 6749 §4.1.3); every other POST reads JSON.
      const content = operations['post']?.requestBody?.content as
        Record<string, { schema?: { type?: string; properties?: object } }> | undefined;
      const schema = (
        path === '/oid4vci/token'
          ? content?.['application/x-www-form-urlencoded']
          : content?.['application/json']
      )?.schema;
      expect([path, schema?.type]).toEqual([path, 'object']);
      expect(Object.keys(schema?.properties ?? {}).length).toBeGreaterThan(0);
    }
    const issue = document.paths['/credentials/issue']?.['post']?.requestBody?.content as {
      'application/json': { schema: { required: string[] } };
    };
    expect(issue['application/json'].schema.required).toEqual(['credential']);
  });

  it('derives every error response from the one code -> status table', () => {
    const errorResponses = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries((operation as { responses: Record<string, unknown> }).responses)
          .filter(([status]) => Number(status) >= 400)
          .map(([status, response]) => ({ route: `${method} ${path}`, status, response })),
      ),
    );
    expect(errorResponses.length).toBeGreaterThan(10);
    for (const { route, status, response } of errorResponses) {
      const codes = (
        response as {
          content?: Record<
            string,
            {
              schema?: {
                properties?: { error?: { properties?: { code?: { enum?: ErrorCode[] } } } };
              };
            }
          >;
        }
      ).content?.['application/json']?.schema?.properties?.error?.properties?.code?.enum;
      // The OAuth endpoints answer in their own shape, {error, error_description}.
      const oauthCodes = (
        response as {
          content?: Record<string, { schema?: { properties?: { error?: { enum?: string[] } } } }>;
        }
      ).content?.['application/json']?.schema?.properties?.error?.enum;
      if (/\/oid4vci\/(token|nonce|credential)$/.test(route)) {
        expect([route, status, oauthCodes?.length ?? 0]).not.toEqual([route, status, 0]);
        continue;
      }
      expect([route, status, codes?.length ?? 0]).not.toEqual([route, status, 0]);
      for (const code of codes ?? []) {
        expect([route, code, httpStatusByErrorCode[code]]).toEqual([route, code, Number(status)]);
      }
    }
  });

  it('promises only the errors a route can answer', () => {
    const statuses = (path: string, method: string) =>
      Object.keys(
        (document.paths[path]?.[method] as { responses: Record<string, unknown> }).responses,
      );
    // Nothing a catalogue read can refuse but a missing badge; the admin routes send no 429 or 403.
    expect(statuses('/achievements/{id}', 'get')).toEqual(['200', '404']);
    expect(statuses('/credentials/issue', 'post')).toEqual([
      '201',
      '400',
      '401',
      '409',
      '413',
      '415',
    ]);
    expect(statuses('/learners/me/progress', 'get')).toEqual(['200', '401']);
  });

  it('documents the formats: a badge’s formats, the format an answer asks for and the one awarded', () => {
    const formats = ['jwt_vc_json', 'ldp_vc', 'vc+jwt'];
    const { components, paths } = document as unknown as {
      components: { schemas: Record<string, { required: string[]; properties: object }> };
      paths: Record<string, Record<string, unknown>>;
    };
    expect(components.schemas['PublicBadge']?.required).toContain('formats');
    expect(components.schemas['PublicBadge']?.properties).toMatchObject({
      formats: { type: 'array', minItems: 1, items: { enum: formats } },
    });
    expect(paths['/attempts/{id}/answers']?.['post']).toMatchObject({
      requestBody: {
        content: {
          'application/json': { schema: { properties: { format: { enum: formats } } } },
        },
      },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: {
                properties: {
                  format: { enum: formats },
                  award: { enum: ['issued', 'kept'] },
                  verifiableCredential: { oneOf: expect.any(Array) },
                },
              },
            },
          },
        },
      },
    });
  });

  it('holds no secret: no admin token, no answer but in the practice items’ schema', async () => {
    const { PracticeItem, ...others } = document.components.schemas;
    const text = JSON.stringify({ ...document, components: { schemas: others } });
    expect(text).not.toContain('test-admin-token');
    expect(text).not.toMatch(/"answer"\s*:/);
    // Practice is served with its answers on purpose (checked offline by the wallet).
    expect(JSON.stringify(PracticeItem)).toMatch(/"answer"\s*:/);
  });

  it('documents GET /catalog/{id}/practice', async () => {
    expect(document.paths['/catalog/{id}/practice']).toMatchObject({
      get: {
        responses: {
          200: {
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/PracticeDeck' } },
            },
          },
          404: expect.any(Object),
        },
      },
    });
  });
});

describe('GET /healthz and /readyz', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('answers alive, and ready once the database answers and is migrated', async () => {
    const health = await issuer.http.get('/healthz').expect(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');
    expect((await issuer.http.get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
  });
});
