import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listen, type RunningServer } from '@skillproof/server/http';
import {
  fixedNow,
  nowSeconds,
  signPayload,
  signPresentation,
  issueTestBadge,
} from '@skillproof/testing';
import { createVerifierApp } from '@skillproof/verifier/server';
import fc from 'fast-check';
import {
  deeplyNested,
  documentsStatus,
  hostileRequests,
  leakPattern,
  operationsOf,
  sendRaw,
  type HostileResponse,
} from '@skillproof/testing';

const { issuer, learner, credential } = issueTestBadge();
const challenge = { challenge: 'c1', domain: 'https://jobs.example' };
const presentation = signPresentation(learner, [credential.proof.jwt], {
  nonce: challenge.challenge,
  aud: challenge.domain,
});
const examples: Record<string, unknown> = {
  '/credentials/verify': { verifiableCredential: credential },
  '/presentations/verify': { verifiablePresentation: presentation, options: challenge },
};

function expectNoServerError(route: string, response: HostileResponse): void {
  expect([route, response.status < 500]).toEqual([route, true]);
  expect(response.text).not.toMatch(leakPattern);
}

/** Anything JSON can carry, with the keys and shapes that trip careless walkers. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}') as unknown,
    [],
    null,
    { type: 'VerifiableCredential', credentialSubject: [] },
    { proof: { jwt: ['a.b.c'] } },
  ),
);

describe('the verifier answers any input without a 5xx', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const app = createVerifierApp({
      trustedIssuers: [{ did: issuer.did }],
      now: () => fixedNow,
      log: { error() {} },
    });
    server = await listen(app, 0, '127.0.0.1');
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends no 5xx, stack or SQL to hostile input on every route of its OpenAPI document', async () => {
    const document = JSON.parse(
      (await sendRaw(server.url, { method: 'get', path: '/openapi.json', headers: {} })).text,
    );
    const operations = operationsOf(document);
    expect(operations.length).toBe(3);
    for (const { method, path, operation } of operations) {
      await fc.assert(
        fc.asyncProperty(
          hostileRequests(method, path, operation, {
            example: examples[path],
            maxBodyBytes: 1024 * 1024,
          }),
          async (hostile) => {
            const response = await sendRaw(server.url, hostile);
            expectNoServerError(`${method} ${path}`, response);
            // A route that reads a body answers only what its document promises.
            if (method === 'post') {
              expect([
                `${method} ${path}`,
                response.status,
                documentsStatus(operation, response.status),
              ]).toEqual([`${method} ${path}`, response.status, true]);
            }
          },
        ),
        { numRuns: 50 },
      );
    }
  });

  it('sends no 5xx for validly signed JWTs that carry anything at all', async () => {
    const post = (path: string, body: unknown) =>
      sendRaw(server.url, {
        method: 'post',
        path,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    await fc.assert(
      fc.asyncProperty(hostileJson, hostileJson, async (vc, embedded) => {
        const jwt = signPayload(issuer, {
          vc,
          iss: issuer.did,
          sub: learner.did,
          nbf: nowSeconds - 60,
        });
        expectNoServerError(
          'credential',
          await post('/credentials/verify', { verifiableCredential: jwt }),
        );
        const vp = signPresentation(learner, [embedded, jwt], {
          nonce: challenge.challenge,
          aud: challenge.domain,
        });
        expectNoServerError(
          'presentation',
          await post('/presentations/verify', { verifiablePresentation: vp, options: challenge }),
        );
      }),
      { numRuns: 50 },
    );
  });

  it.each(['/credentials/verify', '/presentations/verify'])(
    'refuses a credential nested 5,000 levels deep at %s as BODY_TOO_COMPLEX, not 500',
    async (path) => {
      const field =
        path === '/credentials/verify' ? 'verifiableCredential' : 'verifiablePresentation';
      const body = `{"${field}":{"credentialSubject":{"id":"${learner.did}","nested":${deeplyNested(5000)}}}}`;
      expect(Buffer.byteLength(body)).toBeLessThan(100 * 1024);
      const response = await sendRaw(server.url, {
        method: 'post',
        path,
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'BODY_TOO_COMPLEX' } });
    },
  );
});
