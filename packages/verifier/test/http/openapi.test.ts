import { beforeAll, describe, expect, it } from '@jest/globals';
import { httpStatusByErrorCode, type ErrorCode } from '@skillproof/core';
import { registeredRoutes } from '@skillproof/testing';
import request from 'supertest';
import { createVerifierApp } from '@skillproof/verifier/server';

interface Operation {
  requestBody?: { content: Record<string, { schema?: { type?: string; required?: string[] } }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** The error codes a response's schema names, wherever they sit in it. */
function codesIn(schema: unknown): ErrorCode[] {
  const text = JSON.stringify(schema ?? null);
  return [...text.matchAll(/"code":\{"enum":\[([^\]]*)\]/g)].flatMap(
    (match) => JSON.parse(`[${match[1]}]`) as ErrorCode[],
  );
}

describe('GET /openapi.json (verifier)', () => {
  const app = createVerifierApp();
  let document: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    const response = await request(app).get('/openapi.json').expect(200);
    document = response.body;
  });

  it('is an OpenAPI 3.1 document', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every route registered on the app, and no route that does not exist', () => {
    const routes = registeredRoutes(app);
    expect(routes).toEqual([
      'get /openapi.json',
      'post /credentials/verify',
      'post /presentations/verify',
    ]);
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(routes);
  });

  it('gives each verify route its request body schema, generated from the route’s zod schema', () => {
    const body = (path: string) =>
      document.paths[path]?.['post']?.requestBody?.content['application/json']?.schema;
    expect(body('/credentials/verify')).toMatchObject({
      type: 'object',
      required: ['verifiableCredential'],
    });
    expect(body('/presentations/verify')).toMatchObject({
      type: 'object',
      required: ['verifiablePresentation'],
    });
  });

  it('derives its error responses from the one code -> status table', () => {
    for (const path of ['/credentials/verify', '/presentations/verify']) {
      const responses = document.paths[path]?.['post']?.responses ?? {};
      expect(Object.keys(responses).sort()).toEqual(['200', '400', '413', '415']);
      for (const [status, response] of Object.entries(responses)) {
        if (status === '200') continue;
        const codes = codesIn(response.content?.['application/json']?.schema);
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes) {
          expect([path, code, httpStatusByErrorCode[code]]).toEqual([path, code, Number(status)]);
        }
      }
    }
  });
});
