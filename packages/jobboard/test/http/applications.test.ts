import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  encodeStatusList,
  setStatusBit,
  vcContextV1,
  type JwtVerifiableCredential,
} from '@skillproof/core';
import { signCredentialJwt } from '@skillproof/server/agent';
import type { Application, ApplicationView, Posting } from '@skillproof/jobboard';
import request from 'supertest';
import {
  createActor,
  issueBadge,
  presentCredentials,
  signPresentationJwt,
  tamperJwt,
  type TestActor,
} from '../fixtures/badges.js';
import {
  boardDomain,
  createEmployerViaApi,
  createPostingViaApi,
  listApplicationsViaApi,
  startTestJobboard,
  stopTestJobboards,
  requestPresentationViaApi,
  type TestJobboard,
} from '../fixtures/jobboard.js';

const python = 'https://academy.test/achievements/python-problems-1';
const sql = 'https://academy.test/achievements/sql-basics';

interface Rejection {
  error: { code: string; message: string };
  checks: Array<{ id: string; ok: boolean; code?: string; message?: string }>;
}

let issuer: TestActor;
let strangeIssuer: TestActor;
let learner: TestActor;
let mallory: TestActor;
let board: TestJobboard;
let employer: { id: string; token: string };
let rival: { id: string; token: string };
let posting: Posting;
let otherPosting: Posting;
let pythonBadge: JwtVerifiableCredential;
let sqlBadge: JwtVerifiableCredential;

beforeAll(async () => {
  [issuer, strangeIssuer, learner, mallory] = await Promise.all([
    createActor('issuer'),
    createActor('strange-issuer'),
    createActor('learner'),
    createActor('mallory'),
  ]);
  board = await startTestJobboard();
  employer = await createEmployerViaApi(board.url, 'Acme Analytics');
  rival = await createEmployerViaApi(board.url, 'Rival Corp');
  posting = await createPostingViaApi(board.url, employer.token, [
    { achievementId: python, acceptedIssuers: [issuer.did] },
    { achievementId: sql, acceptedIssuers: [issuer.did] },
  ]);
  otherPosting = await createPostingViaApi(
    board.url,
    rival.token,
    [{ achievementId: python, acceptedIssuers: [issuer.did] }],
    'Python intern',
  );
  pythonBadge = await issueBadge(issuer, {
    achievementId: python,
    name: 'Python problems 1',
    subjectDid: learner.did,
  });
  sqlBadge = await issueBadge(issuer, {
    achievementId: sql,
    name: 'SQL basics',
    subjectDid: learner.did,
  });
});

afterAll(stopTestJobboards);

function apply(postingId: string, presentation: unknown): request.Test {
  return request(board.url).post(`/api/postings/${postingId}/applications`).send({ presentation });
}

async function applicationsOf(postingId: string, token: string): Promise<ApplicationView[]> {
  return listApplicationsViaApi(board.url, postingId, token);
}

/** Every decision stored for a posting: each person's current one and their earlier ones. */
async function decisionCount(postingId: string): Promise<number> {
  const applications = await applicationsOf(postingId, employer.token);
  return applications.reduce((count, application) => count + 1 + application.history.length, 0);
}

function failedCodes(body: Rejection): Array<string | undefined> {
  return body.checks.filter((check) => !check.ok).map((check) => check.code);
}

describe('POST /api/postings/:id/applications', () => {
  it('qualifies an applicant whose badges meet every requirement, and stores the decision', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    const before = (await applicationsOf(posting.id, employer.token)).length;

    const response = await apply(posting.id, vp).expect(201);
    const application = response.body as Application;
    expect(application).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string,
      postingId: posting.id,
      holder: learner.did,
      qualified: true,
      requirements: [
        {
          id: 'r1',
          type: 'badge',
          achievementId: python,
          met: true,
          code: 'met',
          reason: 'met by "Python problems 1" from Test Academy',
          credentialId: pythonBadge.id,
          issuer: issuer.did,
          credentials: [
            {
              credentialId: pythonBadge.id,
              issuer: issuer.did,
              achievementId: python,
              name: 'Python problems 1',
            },
          ],
        },
        {
          id: 'r2',
          type: 'badge',
          achievementId: sql,
          met: true,
          code: 'met',
          reason: 'met by "SQL basics" from Test Academy',
          credentialId: sqlBadge.id,
          issuer: issuer.did,
          credentials: [
            {
              credentialId: sqlBadge.id,
              issuer: issuer.did,
              achievementId: sql,
              name: 'SQL basics',
            },
          ],
        },
      ],
      checks: expect.arrayContaining([
        { id: 'signature', ok: true },
        { id: 'nonce', ok: true },
        { id: 'audience', ok: true },
        { id: 'nonce.unused', ok: true },
      ]) as unknown as Application['checks'],
      createdAt: board.clock.now().toISOString(),
    });
    expect(application.checks.every((check) => check.ok)).toBe(true);

    const stored = await applicationsOf(posting.id, employer.token);
    expect(stored).toHaveLength(before + 1);
    expect(stored.at(-1)).toEqual({
      id: application.id,
      postingId: posting.id,
      holder: learner.did,
      qualified: true,
      requirements: application.requirements.map((outcome) => ({
        ...outcome,
        currentStatus: 'valid',
      })),
      flags: [],
      createdAt: application.createdAt,
      history: [],
    });
  });

  it('accepts the presentation as a compact JWT too', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    const response = await apply(posting.id, vp.proof.jwt).expect(201);
    expect((response.body as Application).qualified).toBe(true);
  });

  it("accepts the first API's field name, verifiablePresentation", async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    const response = await request(board.url)
      .post(`/api/postings/${posting.id}/applications`)
      .send({ verifiablePresentation: vp.proof.jwt })
      .expect(201);
    expect((response.body as Application).qualified).toBe(true);
  });

  it('does not qualify, with a reason per requirement, when badges fall short', async () => {
    const foreignPython = await issueBadge(strangeIssuer, {
      achievementId: python,
      name: 'Python problems 1',
      subjectDid: learner.did,
    });
    const expiredAt = new Date(Math.floor(Date.now() / 1000 - 86_400) * 1000);
    const expiredSql = await issueBadge(issuer, {
      achievementId: sql,
      name: 'SQL basics',
      subjectDid: learner.did,
      issuanceDate: new Date(expiredAt.getTime() - 86_400_000),
      expirationDate: expiredAt,
    });
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [foreignPython, expiredSql], presentationRequest);

    const response = await apply(posting.id, vp).expect(201);
    const application = response.body as Application;
    expect(application.qualified).toBe(false);
    expect(application.requirements).toEqual([
      {
        id: 'r1',
        type: 'badge',
        achievementId: python,
        met: false,
        code: 'untrusted-issuer',
        reason:
          '"Python problems 1" was presented, but its issuer is not accepted for this requirement',
        credentialId: foreignPython.id,
        issuer: strangeIssuer.did,
        credentials: [
          {
            credentialId: foreignPython.id,
            issuer: strangeIssuer.did,
            achievementId: python,
            name: 'Python problems 1',
          },
        ],
      },
      {
        id: 'r2',
        type: 'badge',
        achievementId: sql,
        met: false,
        code: 'expired',
        reason: '"SQL basics" was presented, but it has expired',
        credentialId: expiredSql.id,
        issuer: issuer.did,
        credentials: [
          {
            credentialId: expiredSql.id,
            issuer: issuer.did,
            achievementId: sql,
            name: 'SQL basics',
          },
        ],
      },
    ]);
    expect((await applicationsOf(posting.id, employer.token)).at(-1)).toMatchObject({
      id: application.id,
      qualified: false,
    });
  });

  it('does not qualify a badge its issuer has revoked, and says so', async () => {
    const lists = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vc+jwt' }).end(listJwt);
    });
    await new Promise<void>((resolve) => lists.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(lists.address() as AddressInfo).port}/status/1`;
    const bits = new Uint8Array(131_072 / 8);
    setStatusBit(bits, 77, true);
    const listJwt = (
      await signCredentialJwt(issuer.agent, issuer.identifier, {
        '@context': [vcContextV1],
        id: url,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: issuer.did,
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: 'revocation',
          encodedList: encodeStatusList(bits),
        },
      })
    ).proof.jwt;
    try {
      const revoked = await issueBadge(issuer, {
        achievementId: python,
        name: 'Python problems 1',
        subjectDid: learner.did,
        credentialStatus: {
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '77',
          statusListCredential: url,
        },
      });
      const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
      const vp = await presentCredentials(learner, [revoked, sqlBadge], presentationRequest);
      const application = (await apply(posting.id, vp).expect(201)).body as Application;
      expect(application.qualified).toBe(false);
      expect(application.requirements[0]).toMatchObject({
        met: false,
        code: 'revoked',
        reason: '"Python problems 1" was presented, but its issuer has revoked it',
      });
      expect(application.requirements[1]?.met).toBe(true);
    } finally {
      lists.close();
    }
  });

  it('says which requirement had no credential at all', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge], presentationRequest);
    const application = (await apply(posting.id, vp).expect(201)).body as Application;
    expect(application.qualified).toBe(false);
    expect(application.requirements.map((outcome) => [outcome.met, outcome.reason])).toEqual([
      [true, 'met by "Python problems 1" from Test Academy'],
      [false, 'no credential for "sql-basics" was presented'],
    ]);
  });
});

describe('attacks on the apply flow', () => {
  it('does not count a tampered credential inside a validly signed presentation', async () => {
    const forged = tamperJwt(sqlBadge.proof.jwt, (payload) => {
      const vc = payload['vc'] as { credentialSubject: { achievement: { name: string } } };
      vc.credentialSubject.achievement.name = 'SQL grandmaster';
    });
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, forged], presentationRequest);

    const application = (await apply(posting.id, vp).expect(201)).body as Application;
    expect(application.qualified).toBe(false);
    // What the tampered payload claims is never read: the reason names the credential by its
    // place and the verifier's words, and stores nothing it claims.
    expect(application.requirements[1]).toEqual({
      id: 'r2',
      type: 'badge',
      achievementId: sql,
      met: false,
      code: 'invalid',
      reason:
        'no credential for "sql-basics" was presented that verified: credential 2 of the presentation did not verify (its signature does not hold), so what it claims was not read',
      credentials: [],
    });
    expect(JSON.stringify(application)).not.toContain('SQL grandmaster');
    const [stored] = (await board.store.listApplications(posting.id)).filter(
      (entry) => entry.id === application.id,
    );
    expect(stored?.evidence[1]).toEqual({
      index: 1,
      verified: false,
      errors: [
        {
          code: 'SIGNATURE_INVALID',
          message: `the signature is not by ${issuer.did}`,
        },
      ],
    });
  });

  it("does not count someone else's badges presented under the presenter's own DID", async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(mallory, [pythonBadge, sqlBadge], presentationRequest);

    const application = (await apply(posting.id, vp).expect(201)).body as Application;
    expect(application.holder).toBe(mallory.did);
    expect(application.qualified).toBe(false);
    expect(application.requirements.map((outcome) => outcome.reason)).toEqual([
      '"Python problems 1" was presented, but it was issued to someone other than the applicant',
      '"SQL basics" was presented, but it was issued to someone other than the applicant',
    ]);
  });

  it("refuses a presentation claiming the learner's DID but signed by another key", async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await signPresentationJwt(
      mallory,
      { iss: learner.did, nonce: presentationRequest.nonce, aud: boardDomain },
      [pythonBadge.proof.jwt, sqlBadge.proof.jwt],
    );
    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(body.error.code).toBe('PRESENTATION_REJECTED');
    expect(failedCodes(body)).toEqual(['KID_MISMATCH']);
  });

  it('refuses a presentation whose payload was changed after signing', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge], presentationRequest);
    const forged = tamperJwt(vp.proof.jwt, (payload) => {
      (payload['vp'] as { verifiableCredential: string[] }).verifiableCredential.push(
        sqlBadge.proof.jwt,
      );
    });
    const body = (await apply(posting.id, forged).expect(400)).body as Rejection;
    expect(body.error).toEqual({
      code: 'PRESENTATION_REJECTED',
      message: `the signature is not by ${learner.did}`,
    });
    expect(failedCodes(body)).toEqual(['SIGNATURE_INVALID']);
  });

  it('refuses presentation JSON that differs from its signed JWT', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    const body = (await apply(posting.id, { ...vp, holder: mallory.did }).expect(400))
      .body as Rejection;
    expect(failedCodes(body)).toEqual(['PAYLOAD_MISMATCH']);
  });

  it('refuses a replayed nonce and stores nothing the second time', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    await apply(posting.id, vp).expect(201);
    const count = await decisionCount(posting.id);

    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(body.error).toEqual({
      code: 'PRESENTATION_REJECTED',
      message: 'the nonce is unknown here, expired, or already used',
    });
    expect(failedCodes(body)).toEqual(['NONCE_REPLAYED']);
    expect(await decisionCount(posting.id)).toBe(count);
  });

  it('lets only one of two concurrent submissions of a nonce through', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    const before = await decisionCount(posting.id);
    const statuses = (await Promise.all([apply(posting.id, vp), apply(posting.id, vp)])).map(
      (response) => response.status,
    );
    // The loser either finds the nonce used already (400) or loses the race to store (409).
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400 || status === 409)).toHaveLength(1);
    expect(await decisionCount(posting.id)).toBe(before + 1);
  });

  it('refuses a nonce issued for another posting, which stays usable there', async () => {
    const foreignRequest = await requestPresentationViaApi(board.url, otherPosting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], foreignRequest);
    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(failedCodes(body)).toEqual(['NONCE_REPLAYED']);

    const forItsPosting = await presentCredentials(learner, [pythonBadge], foreignRequest);
    const application = (await apply(otherPosting.id, forItsPosting).expect(201))
      .body as Application;
    expect(application.qualified).toBe(true);
  });

  it('refuses a presentation addressed to another audience', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], {
      nonce: presentationRequest.nonce,
      domain: 'https://evil.test',
    });
    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(body.error).toEqual({
      code: 'PRESENTATION_REJECTED',
      message: `the presentation is not addressed to ${boardDomain}`,
    });
    expect(failedCodes(body)).toEqual(['AUDIENCE_MISMATCH']);
  });

  it('refuses an expired nonce', async () => {
    const realNow = board.clock.now();
    board.clock.set(new Date(realNow.getTime() - 601_000));
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    board.clock.set(realNow);
    expect(Date.parse(presentationRequest.expiresAt)).toBeLessThan(realNow.getTime());

    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(failedCodes(body)).toEqual(['NONCE_REPLAYED']);
  });

  it('accepts a nonce until the moment it expires', async () => {
    const realNow = board.clock.now();
    board.clock.set(new Date(realNow.getTime() - 599_000));
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    board.clock.set(realNow);
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], presentationRequest);
    await apply(posting.id, vp).expect(201);
  });

  it('refuses a nonce the board never issued', async () => {
    const vp = await presentCredentials(learner, [pythonBadge, sqlBadge], {
      nonce: 'made-up-nonce',
      domain: boardDomain,
    });
    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(failedCodes(body)).toEqual(['NONCE_REPLAYED']);
  });

  it('refuses a presentation without a nonce', async () => {
    const vp = await signPresentationJwt(learner, { aud: boardDomain }, [pythonBadge.proof.jwt]);
    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(body.error.message).toBe('the presentation carries no nonce');
    expect(failedCodes(body)).toEqual(['NONCE_MISSING']);
  });

  it('refuses a presentation without credentials', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await signPresentationJwt(
      learner,
      { nonce: presentationRequest.nonce, aud: boardDomain },
      [],
    );
    const body = (await apply(posting.id, vp).expect(400)).body as Rejection;
    expect(failedCodes(body)).toEqual(['NO_CREDENTIALS']);
  });

  it('refuses a presentation that is not a JWT', async () => {
    const body = (await apply(posting.id, 'not.a-jwt').expect(400)).body as Rejection;
    expect(body.error.code).toBe('PRESENTATION_REJECTED');
    expect(failedCodes(body)).toEqual(['JWT_MALFORMED']);
  });

  it.each([
    ['no presentation', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['an object without proof.jwt', { type: ['VerifiablePresentation'] }],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, presentation) => {
    const response = await request(board.url)
      .post(`/api/postings/${posting.id}/applications`)
      .send(presentation === undefined ? {} : { presentation })
      .expect(400);
    expect((response.body as Rejection).error.code).toBe('VALIDATION_FAILED');
    expect((response.body as Rejection).error.message).toMatch(/^presentation: /);
  });

  it('refuses a presentation sent under both names', async () => {
    const response = await request(board.url)
      .post(`/api/postings/${posting.id}/applications`)
      .send({ presentation: 'a.b.c', verifiablePresentation: 'a.b.c' })
      .expect(400);
    expect((response.body as Rejection).error).toEqual({
      code: 'VALIDATION_FAILED',
      message:
        'presentation: send the presentation once, as presentation or verifiablePresentation',
    });
  });

  it('answers 404 for an unknown posting', async () => {
    const presentationRequest = await requestPresentationViaApi(board.url, posting.id);
    const vp = await presentCredentials(learner, [pythonBadge], presentationRequest);
    await apply('no-such-posting', vp).expect(404);
  });
});

describe('GET /api/postings/:id/applications', () => {
  it('refuses a request without an employer token with 401', async () => {
    const response = await request(board.url)
      .get(`/api/postings/${posting.id}/applications`)
      .expect(401);
    expect((response.body as Rejection).error.code).toBe('UNAUTHORIZED');
    await request(board.url)
      .get(`/api/postings/${posting.id}/applications`)
      .set('Authorization', 'Bearer not-a-real-token')
      .expect(401);
  });

  it("refuses another employer's posting with 403", async () => {
    const response = await request(board.url)
      .get(`/api/postings/${posting.id}/applications`)
      .set('Authorization', `Bearer ${rival.token}`)
      .expect(403);
    expect(response.body).toEqual({
      error: { code: 'FORBIDDEN', message: 'this posting belongs to another employer' },
    });
  });

  it('answers 404 for an unknown posting', async () => {
    await request(board.url)
      .get('/api/postings/no-such-posting/applications')
      .set('Authorization', `Bearer ${employer.token}`)
      .expect(404);
  });

  it('lists only the applications to that posting', async () => {
    const mine = await applicationsOf(posting.id, employer.token);
    const theirs = await applicationsOf(otherPosting.id, rival.token);
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs).toHaveLength(1);
    const ids = new Set(mine.map((application) => application.id));
    expect(theirs.some((application) => ids.has(application.id))).toBe(false);
    for (const application of mine) {
      expect(Object.keys(application).sort()).toEqual([
        'createdAt',
        'flags',
        'history',
        'holder',
        'id',
        'postingId',
        'qualified',
        'requirements',
      ]);
    }
  });
});
