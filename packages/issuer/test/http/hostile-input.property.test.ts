import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeStatusList, statusBitAt } from '@skillproof/core';
import fc from 'fast-check';
import {
  deeplyNested,
  documentsStatus,
  hostileRequests,
  leakPattern,
  operationsOf,
  sendRaw,
} from '@skillproof/testing';
import {
  adminToken,
  createTestLearner,
  issuerDomain,
  signIn,
  startTestIssuer,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';
import { selectRows } from '../fixtures/select-rows.js';

interface StatusEntry {
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

/** Everything the learner and the admin rely on, read back through the API. */
interface Snapshot {
  catalog: unknown;
  progress: unknown;
  status: Record<string, boolean>;
  credential: unknown;
}

describe('the issuer answers any input without a 5xx', () => {
  let issuer: TestIssuer;
  /** Holds the credential whose state must survive. */
  let learner: TestLearner;
  /** Whose session the hostile requests may carry, so they reach past authorization. */
  let stranger: TestLearner;
  let learnerSession: string;
  let strangerSession: string;
  let credentialId: string;
  let statusEntries: StatusEntry[];
  const examples: Record<string, unknown> = {};
  const pathValues: string[] = [];
  let before: Snapshot;

  const allocatedEntries = async () =>
    (
      await selectRows<{ n: number }>(issuer.db, 'SELECT COUNT(*) AS n FROM issuer_status_entries')
    )[0]?.n ?? Number.NaN;

  function credential(subject: string) {
    return {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: issuer.identifier.did,
      credentialSubject: { id: subject, skill: 'testing' },
    };
  }

  async function issue(subject: string): Promise<{ id: string; credentialStatus: StatusEntry[] }> {
    const issued = await issuer.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ credential: credential(subject) })
      .expect(201);
    return issued.body.verifiableCredential;
  }

  async function statusBit(entry: StatusEntry): Promise<boolean> {
    const listPath = new URL(entry.statusListCredential).pathname;
    const list = await issuer.http.get(listPath).expect(200);
    const decoded = decodeStatusList(list.body.credentialSubject.encodedList, 1 << 20);
    if (!('bits' in decoded)) throw new Error(decoded.problem);
    return statusBitAt(decoded.bits, Number(entry.statusListIndex));
  }

  async function snapshot(): Promise<Snapshot> {
    const [catalog, progress] = await Promise.all([
      issuer.http.get('/catalog').expect(200),
      issuer.http
        .get('/learners/me/progress')
        .set('Authorization', `Bearer ${learnerSession}`)
        .expect(200),
    ]);
    const status: Record<string, boolean> = {};
    for (const entry of statusEntries) status[entry.statusPurpose] = await statusBit(entry);
    return {
      catalog: catalog.body,
      progress: progress.body,
      status,
      credential: await issuer.store.findCredential(credentialId),
    };
  }

  beforeAll(async () => {
    issuer = await startTestIssuer({
      // High enough that hostile bodies reach the routes rather than stop at 429.
      rateLimits: {
        auth: { limit: 100_000, windowMs: 60_000 },
        attempts: { limit: 100_000, windowMs: 60_000 },
      },
    });
    [learner, stranger] = await Promise.all([createTestLearner(), createTestLearner()]);
    learnerSession = await signIn(issuer, learner);
    strangerSession = await signIn(issuer, stranger);

    const held = await issue(learner.did);
    credentialId = held.id;
    statusEntries = held.credentialStatus;
    await issuer.http
      .post('/credentials/status')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        credentialId,
        credentialStatus: [
          { type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: true },
        ],
      })
      .expect(200);

    // Valid bodies for the hostile requests to start from, all about the stranger.
    const badge = issuer.context.catalog.badges[0]?.id ?? 'none';
    const attempt = await issuer.http
      .post('/attempts')
      .set('Authorization', `Bearer ${strangerSession}`)
      .send({ badge })
      .expect(201);
    const challenge = await issuer.http
      .post('/auth/challenge')
      .send({ did: stranger.did })
      .expect(201);
    const strangers = await issue(stranger.did);
    Object.assign(examples, {
      '/auth/challenge': { did: stranger.did },
      '/auth/token': {
        presentation: await stranger.presentation(challenge.body.challenge, issuerDomain),
      },
      '/attempts': { badge },
      '/attempts/{id}/answers': {
        answers: Object.fromEntries(
          (attempt.body.tasks as { id: string }[]).map((task) => [task.id, 'a']),
        ),
      },
      '/credentials/issue': { credential: credential(stranger.did), options: {} },
      '/credentials/status': {
        credentialId: strangers.id,
        credentialStatus: [
          { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
        ],
      },
    });
    pathValues.push(attempt.body.attemptId, badge, 'revocation-1', 'suspension-1');
    pathValues.push(issuer.context.catalog.skills[0]?.id ?? 'none');
    before = await snapshot();
  });

  afterAll(async () => {
    await issuer.close();
    learner.close();
    stranger.close();
  });

  it('sends no 5xx, stack or SQL to hostile input on every route of its OpenAPI document', async () => {
    const document = (await issuer.http.get('/openapi.json').expect(200)).body;
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(15);
    const tokens = [adminToken, strangerSession];
    for (const { method, path, operation } of operations) {
      const requests = hostileRequests(method, path, operation, {
        tokens,
        example: examples[path],
        pathValues,
      });
      await fc.assert(
        fc.asyncProperty(requests, async (hostile) => {
          const response = await sendRaw(issuer.url, hostile);
          expect([`${method} ${path}`, response.status < 500]).toEqual([`${method} ${path}`, true]);
          expect(response.text).not.toMatch(leakPattern);
          // A route that reads a body answers only what its document promises.
          if (method === 'post') {
            const route = `${method} ${path}`;
            expect([route, response.status, documentsStatus(operation, response.status)]).toEqual([
              route,
              response.status,
              true,
            ]);
          }
        }),
        { numRuns: 40 },
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a credential nested 5,000 levels deep as BODY_TOO_COMPLEX and reserves no status index', async () => {
    const allocated = await allocatedEntries();
    const body = JSON.stringify({
      credential: { ...credential(learner.did), credentialSubject: { id: learner.did } },
    }).replace(/}}$/, `,"nested":${deeplyNested(5000)}}}`);
    expect(Buffer.byteLength(body)).toBeLessThan(100 * 1024);
    const response = await sendRaw(issuer.url, {
      method: 'post',
      path: '/credentials/issue',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: 'BODY_TOO_COMPLEX' } });
    expect(await allocatedEntries()).toBe(allocated);
  });
});
