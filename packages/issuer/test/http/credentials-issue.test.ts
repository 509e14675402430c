import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { credentialFromJwtPayload, verifyDidJws } from '@skillproof/core';
import { adminToken, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import { selectRows } from '../fixtures/select-rows.js';

const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const otherIssuerDid = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('VC-API POST /credentials/issue', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });

  afterAll(async () => {
    await issuer.close();
  });

  function credential(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: issuer.identifier.did,
      credentialSubject: { id: learnerDid, skill: 'testing' },
      ...overrides,
    };
  }

  /** Posts `body` with `Bearer <token>`; `null` sends no Authorization header. */
  function issue(body: unknown, token: string | null = adminToken) {
    const post = issuer.http.post('/credentials/issue');
    return (token === null ? post : post.set('Authorization', `Bearer ${token}`)).send(
      body as object,
    );
  }

  it('signs a credential: 201 {verifiableCredential} as a JWT VC, stored', async () => {
    const response = await issue({ credential: credential(), options: {} });
    expect(response.status).toBe(201);
    // Beside the credential, its transparency log receipt (issue 17): a field added, none changed.
    expect(Object.keys(response.body)).toEqual(['verifiableCredential', 'transparencyReceipt']);
    const vc = response.body.verifiableCredential;
    expect(vc.proof.type).toBe('JwtProof2020');
    expect(vc.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(vc.issuanceDate).toBe('2030-01-15T10:00:00.000Z');
    expect(vc.issuer).toEqual({ id: issuer.identifier.did });
    expect(vc.credentialSubject).toEqual({ id: learnerDid, skill: 'testing' });

    const verified = verifyDidJws(vc.proof.jwt);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.did).toBe(issuer.identifier.did);
    const { proof: _proof, ...json } = vc;
    expect(credentialFromJwtPayload(verified.decoded.payload)).toEqual(json);

    expect(await issuer.store.findCredential(vc.id)).toMatchObject({
      subjectDid: learnerDid,
      achievementId: null,
      attemptId: null,
      jwt: vc.proof.jwt,
      issuedAt: '2030-01-15T10:00:00.000Z',
    });
  });

  it('keeps a given id, dates and issuer profile, and records the achievement', async () => {
    const response = await issue({
      credential: credential({
        '@context': [
          'https://www.w3.org/2018/credentials/v1',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: 'urn:uuid:6a9c92a9-2530-4e2b-9776-530467e9bbe0',
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: issuer.identifier.did, type: 'Profile', name: 'Academy' },
        issuanceDate: '2029-12-01T00:00:00Z',
        expirationDate: '2031-12-01T00:00:00Z',
        credentialSubject: {
          id: learnerDid,
          type: 'AchievementSubject',
          achievement: {
            id: 'https://academy.test/achievements/custom',
            type: 'Achievement',
            name: 'Custom',
          },
        },
      }),
    });
    expect(response.status).toBe(201);
    const vc = response.body.verifiableCredential;
    expect(vc.id).toBe('urn:uuid:6a9c92a9-2530-4e2b-9776-530467e9bbe0');
    expect(vc.issuanceDate).toBe('2029-12-01T00:00:00.000Z');
    expect(vc.expirationDate).toBe('2031-12-01T00:00:00.000Z');
    expect(vc.issuer).toEqual({ id: issuer.identifier.did, type: 'Profile', name: 'Academy' });
    expect((await issuer.store.findCredential(vc.id))?.achievementId).toBe(
      'https://academy.test/achievements/custom',
    );
  });

  it('adds a revocation and a suspension entry, in lists served by this issuer', async () => {
    const response = await issue({ credential: credential() });
    const { credentialStatus } = response.body.verifiableCredential;
    expect(credentialStatus).toEqual([
      expect.objectContaining({
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: expect.stringMatching(/^\d+$/),
        statusListCredential: 'https://academy.test/status/revocation-1',
      }),
      expect.objectContaining({
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListCredential: 'https://academy.test/status/suspension-1',
      }),
    ]);
    const verified = verifyDidJws(response.body.verifiableCredential.proof.jwt);
    if (!verified.ok) throw new Error(verified.message);
    expect(
      (verified.decoded.payload['vc'] as { credentialStatus: unknown }).credentialStatus,
    ).toEqual(credentialStatus);
  });

  it('refuses a credential that brings its own credentialStatus (400), allocating nothing', async () => {
    const allocated = async () =>
      (
        await selectRows<{ count: number }>(
          issuer.db,
          'SELECT COUNT(*) AS count FROM issuer_status_entries',
        )
      )[0]?.count;
    const before = await allocated();
    const response = await issue({
      credential: credential({
        credentialStatus: {
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '0',
          statusListCredential: 'https://elsewhere.example/status/1',
        },
      }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^credential\.credentialStatus: /);
    expect(await allocated()).toBe(before);
  });

  it('accepts options.credentialStatus of our type, refuses another (400)', async () => {
    await issue({
      credential: credential(),
      options: { credentialStatus: { type: 'BitstringStatusListEntry' } },
    }).expect(201);
    const other = await issue({
      credential: credential(),
      options: { credentialStatus: { type: 'StatusList2021Entry' } },
    });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/^options\.credentialStatus\.type: /);
  });

  it('accepts a subject holding only an id', async () => {
    const response = await issue({
      credential: credential({ credentialSubject: { id: learnerDid } }),
    });
    expect(response.status).toBe(201);
    expect(response.body.verifiableCredential.credentialSubject).toEqual({ id: learnerDid });
  });

  it.each([
    [{ cryptosuite: 'ecdsa-rdfc-2019' }, /^options\.cryptosuite: /],
    [{ format: 'mso_mdoc' }, /^options\.format: /],
    [{ format: 'vc+jwt' }, /^credential\.@context: vc\+jwt is issued for VCDM 2\.0/],
    [{ format: 'jwt_vc_json', cryptosuite: 'eddsa-rdfc-2022' }, /^options: they ask for /],
    [{ proofFormat: 'lds' }, /^options\.proofFormat: /],
  ])(
    'refuses options asking for a proof it does not make (%j), rather than making another (400), storing nothing',
    async (options, message) => {
      const stored = async () =>
        (
          await selectRows<{ count: number }>(
            issuer.db,
            'SELECT COUNT(*) AS count FROM issuer_credentials',
          )
        )[0]?.count;
      const before = await stored();
      const response = await issue({ credential: credential(), options });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
      expect(await stored()).toBe(before);
    },
  );

  it('accepts the options that name what it makes', async () => {
    const response = await issue({
      credential: credential(),
      options: { format: 'jwt_vc_json', proofFormat: 'jwt', type: 'JwtProof2020' },
    });
    expect(response.status).toBe(201);
  });

  it('refuses a second credential with the same id (409)', async () => {
    const id = 'urn:uuid:0d4bfa0e-4a40-4f57-9e44-8d1d1c5b8a01';
    await issue({ credential: credential({ id }) }).expect(201);
    const again = await issue({ credential: credential({ id }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('requires the admin token (401)', async () => {
    for (const token of [null, 'wrong-token', `${adminToken}x`, '']) {
      const response = await issue({ credential: credential() }, token);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
    const basic = await issuer.http
      .post('/credentials/issue')
      .set('Authorization', `Basic ${adminToken}`)
      .send({ credential: credential() });
    expect(basic.status).toBe(401);
  });

  it('checks the token before reading the body', async () => {
    const response = await issue({}, null);
    expect(response.status).toBe(401);
  });

  const missing = (field: string) => (base: Record<string, unknown>) => {
    const { [field]: _dropped, ...rest } = base;
    return rest;
  };
  const replace = (field: string, value: unknown) => (base: Record<string, unknown>) => ({
    ...base,
    [field]: value,
  });

  it.each([
    ['@context missing', missing('@context'), 'credential.@context'],
    ['type missing', missing('type'), 'credential.type'],
    ['issuer missing', missing('issuer'), 'credential.issuer'],
    ['credentialSubject missing', missing('credentialSubject'), 'credential.credentialSubject'],
    [
      '@context a string',
      replace('@context', 'https://www.w3.org/2018/credentials/v1'),
      'credential.@context',
    ],
    ['@context empty', replace('@context', []), 'credential.@context'],
    ['@context of numbers', replace('@context', [1]), 'credential.@context'],
    [
      '@context not starting with VCDM 1.1',
      replace('@context', ['https://example.com/ctx']),
      'credential.@context',
    ],
    ['type a string', replace('type', 'VerifiableCredential'), 'credential.type'],
    [
      'type without VerifiableCredential',
      replace('type', ['OpenBadgeCredential']),
      'credential.type',
    ],
    ['issuer a number', replace('issuer', 42), 'credential.issuer'],
    ['issuer an object without id', replace('issuer', { name: 'x' }), 'credential.issuer'],
    ['issuer an array', replace('issuer', ['did:key:z6Mk']), 'credential.issuer'],
    ['issuer another DID', replace('issuer', otherIssuerDid), 'credential.issuer'],
    [
      'issuer object of another DID',
      replace('issuer', { id: otherIssuerDid }),
      'credential.issuer',
    ],
    [
      'credentialSubject a string',
      replace('credentialSubject', learnerDid),
      'credential.credentialSubject',
    ],
    [
      'credentialSubject an array',
      replace('credentialSubject', [{ id: learnerDid }]),
      'credential.credentialSubject',
    ],
    ['credentialSubject null', replace('credentialSubject', null), 'credential.credentialSubject'],
    [
      'credentialSubject.id a number',
      replace('credentialSubject', { id: 7 }),
      'credential.credentialSubject.id',
    ],
    ['id a number', replace('id', 7), 'credential.id'],
    ['issuanceDate not a date', replace('issuanceDate', 'yesterday'), 'credential.issuanceDate'],
    ['expirationDate not a date', replace('expirationDate', 20300101), 'credential.expirationDate'],
    [
      'expirationDate before issuanceDate',
      replace('expirationDate', '2000-01-01T00:00:00Z'),
      'credential.expirationDate',
    ],
  ])('refuses a credential with %s (400)', async (_name, change, field) => {
    const response = await issue({ credential: change(credential()) });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toMatch(new RegExp(`^${field}[.:]`));
  });

  it.each([
    ['no credential', {}],
    ['only options', { options: {} }],
    ['credential a string', { credential: 'a credential' }],
    ['credential an array', { credential: [] }],
    ['credential null', { credential: null }],
    ['options a string', { options: 'x', credential: {} }],
    ['a body that is an array', []],
  ])('refuses a body with %s (400)', async (_name, body) => {
    const response = await issue(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses malformed JSON (400 MALFORMED_JSON)', async () => {
    const response = await issuer.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('Content-Type', 'application/json')
      .send('{"credential": {');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: 'MALFORMED_JSON', message: 'the body is not valid JSON' },
    });
  });

  it('refuses a body that is not JSON (400)', async () => {
    const response = await issuer.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ credential: credential() }));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses an oversized body (413)', async () => {
    const response = await issue({
      credential: credential({
        credentialSubject: { id: learnerDid, padding: 'x'.repeat(200_000) },
      }),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses everyone when no admin token is configured (401)', async () => {
    const closed = await startTestIssuer({ adminToken: null });
    try {
      for (const token of [undefined, '', adminToken]) {
        const response = await closed.http
          .post('/credentials/issue')
          .set('Authorization', token === undefined ? '' : `Bearer ${token}`)
          .send({ credential: credential({ issuer: closed.identifier.did }) });
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('UNAUTHORIZED');
      }
    } finally {
      await closed.close();
    }
  });
});
