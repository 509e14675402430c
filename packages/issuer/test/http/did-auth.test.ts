import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, encodeBase64url, encodeJwtSigningInput } from '@skillproof/core';
import { signJwtWithAgent } from '@skillproof/server/agent';
import {
  createTestLearner,
  issuerDomain,
  startTestIssuer,
  startTime,
  type TestIssuer,
  type TestLearner,
} from '../fixtures/issuer-harness.js';
import { selectRows } from '../fixtures/select-rows.js';

describe('DID-auth (POST /auth/challenge, POST /auth/token)', () => {
  let issuer: TestIssuer;
  let learner: TestLearner;
  let other: TestLearner;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    learner = await createTestLearner();
    other = await createTestLearner();
  });

  afterAll(async () => {
    await issuer.close();
    learner.close();
    other.close();
  });

  async function challengeFor(did: string): Promise<string> {
    const response = await issuer.http.post('/auth/challenge').send({ did }).expect(201);
    return response.body.challenge as string;
  }

  it('issues a challenge bound to the DID, for the issuer origin, for five minutes', async () => {
    const response = await issuer.http.post('/auth/challenge').send({ did: learner.did });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      domain: issuerDomain,
      expiresAt: '2030-01-15T10:05:00.000Z',
    });
    const stored = await issuer.store.findChallenge(response.body.challenge);
    expect(stored).toMatchObject({ did: learner.did, consumedAt: null });
  });

  it('opens a one-hour session for a presentation that signs the challenge', async () => {
    const challenge = await challengeFor(learner.did);
    const presentation = await learner.presentation(challenge);
    const response = await issuer.http.post('/auth/token').send({ presentation });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      did: learner.did,
      expiresAt: '2030-01-15T11:00:00.000Z',
    });
    // The session works, and only the token's hash is stored.
    const token = response.body.token as string;
    await issuer.http
      .post('/attempts')
      .set('Authorization', `Bearer ${token}`)
      .send({ badge: 'git-basics' })
      .expect(201);
    const row = await selectRows<{ token_hash: string }>(
      issuer.db,
      'SELECT token_hash FROM issuer_sessions',
    );
    expect(row.some((session) => session.token_hash === token)).toBe(false);
  });

  it('refuses a replayed challenge', async () => {
    const presentation = await learner.presentation(await challengeFor(learner.did));
    await issuer.http.post('/auth/token').send({ presentation }).expect(201);
    const replay = await issuer.http.post('/auth/token').send({ presentation });
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({
      error: { code: 'CHALLENGE_INVALID', message: 'the challenge was used already' },
    });
  });

  it('refuses an expired challenge', async () => {
    const challenge = await challengeFor(learner.did);
    const presentation = await learner.presentation(challenge);
    issuer.clock.advance(5 * 60 * 1000);
    try {
      const response = await issuer.http.post('/auth/token').send({ presentation });
      expect(response.status).toBe(401);
      expect(response.body.error).toEqual({
        code: 'CHALLENGE_INVALID',
        message: 'the challenge has expired',
      });
    } finally {
      issuer.clock.set(startTime);
    }
  });

  it("refuses another DID's challenge, signed by the wrong learner", async () => {
    const challenge = await challengeFor(learner.did);
    const presentation = await other.presentation(challenge);
    const response = await issuer.http.post('/auth/token').send({ presentation });
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({
      code: 'CHALLENGE_INVALID',
      message: 'the challenge was issued to another DID',
    });
    // The rightful learner can still use it.
    await issuer.http
      .post('/auth/token')
      .send({ presentation: await learner.presentation(challenge) })
      .expect(201);
  });

  it('refuses a presentation addressed to another audience', async () => {
    const challenge = await challengeFor(learner.did);
    const presentation = await learner.presentation(challenge, 'https://evil.example');
    const response = await issuer.http.post('/auth/token').send({ presentation });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('CHALLENGE_INVALID');
    expect(response.body.error.message).toMatch(/not addressed to https:\/\/academy\.test/);
  });

  it('refuses an unknown challenge', async () => {
    const presentation = await learner.presentation(encodeBase64url(new Uint8Array(32)));
    const response = await issuer.http.post('/auth/token').send({ presentation });
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({
      code: 'CHALLENGE_INVALID',
      message: 'unknown challenge',
    });
  });

  it("refuses a learner's presentation carrying another key's signature", async () => {
    const challenge = await challengeFor(learner.did);
    const genuine = await learner.presentation(challenge);
    const forged = await other.presentation(challenge);
    const [header, payload] = genuine.split('.');
    const signature = forged.split('.')[2];
    const response = await issuer.http
      .post('/auth/token')
      .send({ presentation: `${header}.${payload}.${signature}` });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
    expect(response.body.error.message).toMatch(/signature is not by/);
    // Nothing was consumed: the challenge still works for its learner.
    await issuer.http.post('/auth/token').send({ presentation: genuine }).expect(201);
  });

  it('refuses alg none', async () => {
    const challenge = await challengeFor(learner.did);
    const { payload } = decodeJwt(await learner.presentation(challenge));
    const unsigned = `${encodeJwtSigningInput({ alg: 'none', typ: 'JWT' }, payload)}.`;
    const response = await issuer.http.post('/auth/token').send({ presentation: unsigned });
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'the presentation is not validly signed: alg none is not allowed',
    });
  });

  it('refuses a signed JWT that is not a presentation', async () => {
    const challenge = await challengeFor(learner.did);
    const identifier = await learner.agent.didManagerGet({ did: learner.did });
    const jwt = await signJwtWithAgent(learner.agent, identifier, {
      iss: learner.did,
      nonce: challenge,
      aud: issuerDomain,
    });
    const response = await issuer.http.post('/auth/token').send({ presentation: jwt });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
    expect(response.body.error.message).toMatch(/no verifiable presentation/);
  });

  it('refuses an expired presentation', async () => {
    const challenge = await challengeFor(learner.did);
    const identifier = await learner.agent.didManagerGet({ did: learner.did });
    const jwt = await signJwtWithAgent(learner.agent, identifier, {
      iss: learner.did,
      nonce: challenge,
      aud: [issuerDomain],
      vp: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiablePresentation'],
      },
      exp: Math.floor(issuer.clock.now().getTime() / 1000) - 1,
    });
    const response = await issuer.http.post('/auth/token').send({ presentation: jwt });
    expect(response.status).toBe(401);
    expect(response.body.error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'the presentation has expired',
    });
  });

  it.each([
    ['not a JWT', 'hello'],
    ['garbage parts', 'a.b.c'],
  ])('refuses a presentation that is %s', async (_name, presentation) => {
    const response = await issuer.http.post('/auth/token').send({ presentation });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });

  it.each([
    [{}, 'VALIDATION_FAILED'],
    [{ did: 42 }, 'VALIDATION_FAILED'],
    [{ did: 'did:web:example.com' }, 'DID_UNSUPPORTED'],
    [{ did: 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme' }, 'DID_UNSUPPORTED'],
  ])('refuses a challenge request %j with %s', async (body, code) => {
    const response = await issuer.http.post('/auth/challenge').send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
  });

  it('refuses a token request without a presentation', async () => {
    const response = await issuer.http.post('/auth/token').send({ presentation: 7 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('ends the session after an hour, for every learner route', async () => {
    const challenge = await challengeFor(learner.did);
    const session = await issuer.http
      .post('/auth/token')
      .send({ presentation: await learner.presentation(challenge) })
      .expect(201);
    const bearer = `Bearer ${session.body.token}`;
    try {
      // Still open one millisecond before its end…
      issuer.clock.advance(60 * 60 * 1000 - 1);
      await issuer.http.get('/learners/me/progress').set('Authorization', bearer).expect(200);
      // …and closed at its end.
      issuer.clock.advance(1);
      const responses = [
        await issuer.http.get('/learners/me/progress').set('Authorization', bearer),
        await issuer.http
          .post('/attempts')
          .set('Authorization', bearer)
          .send({ badge: 'git-basics' }),
        await issuer.http
          .post('/attempts/00000000-0000-4000-8000-000000000000/answers')
          .set('Authorization', bearer)
          .send({ answers: {} }),
      ];
      for (const response of responses) {
        expect(response.status).toBe(401);
        expect(response.body.error).toEqual({
          code: 'UNAUTHORIZED',
          message: 'the session is unknown or has expired',
        });
      }
    } finally {
      issuer.clock.set(startTime);
    }
  });
});
