import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminToken, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';

const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

describe('VC-API POST /credentials/status', () => {
  let issuer: TestIssuer;
  let credentialId: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const issued = await issuer.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        credential: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          issuer: issuer.identifier.did,
          credentialSubject: { id: learnerDid },
        },
      })
      .expect(201);
    credentialId = issued.body.verifiableCredential.id;
  });

  afterAll(async () => {
    await issuer.close();
  });

  function update(body: unknown, token: string | null = adminToken) {
    const post = issuer.http.post('/credentials/status');
    return (token === null ? post : post.set('Authorization', `Bearer ${token}`)).send(
      body as object,
    );
  }

  const entry = (statusPurpose: string, status: boolean) => ({
    type: 'BitstringStatusListEntry',
    statusPurpose,
    status,
  });

  it('suspends and reinstates: 200 with the status that results', async () => {
    const suspended = await update({ credentialId, credentialStatus: [entry('suspension', true)] });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toEqual({ credentialId, revoked: false, suspended: true });
    const both = await update({
      credentialId,
      credentialStatus: [entry('suspension', false), entry('revocation', false)],
    });
    expect(both.body).toEqual({ credentialId, revoked: false, suspended: false });
  });

  it('answers 404 for a credential it did not issue', async () => {
    const response = await update({
      credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000',
      credentialStatus: [entry('revocation', true)],
    });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('requires the admin token, compared before reading the body (401)', async () => {
    for (const token of [null, 'wrong-token', `${adminToken}x`]) {
      const response = await update(
        { credentialId, credentialStatus: [entry('revocation', true)] },
        token,
      );
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
    expect((await update({}, null)).status).toBe(401);
    // Nothing changed.
    const listed = await issuer.statusLists.listCredentialStatus({ credentialId });
    expect(listed[0]?.revoked).toBe(false);
  });

  it.each([
    ['no credentialId', { credentialStatus: [entry('revocation', true)] }, 'credentialId'],
    ['credentialId a number', { credentialId: 7, credentialStatus: [] }, 'credentialId'],
    ['no credentialStatus', { credentialId: 'urn:uuid:x' }, 'credentialStatus'],
    [
      'credentialStatus empty',
      { credentialId: 'urn:uuid:x', credentialStatus: [] },
      'credentialStatus',
    ],
    [
      'credentialStatus an object',
      { credentialId: 'urn:uuid:x', credentialStatus: entry('revocation', true) },
      'credentialStatus',
    ],
    [
      'another status type',
      {
        credentialId: 'urn:uuid:x',
        credentialStatus: [{ ...entry('revocation', true), type: 'StatusList2021Entry' }],
      },
      'credentialStatus.0.type',
    ],
    [
      'an unknown purpose',
      { credentialId: 'urn:uuid:x', credentialStatus: [entry('refresh', true)] },
      'credentialStatus.0.statusPurpose',
    ],
    [
      'status a string',
      {
        credentialId: 'urn:uuid:x',
        credentialStatus: [{ ...entry('revocation', true), status: 'true' }],
      },
      'credentialStatus.0.status',
    ],
    [
      'one purpose twice',
      {
        credentialId: 'urn:uuid:x',
        credentialStatus: [entry('revocation', true), entry('revocation', false)],
      },
      'credentialStatus',
    ],
  ])('refuses a body with %s (400 naming the field)', async (_name, body, field) => {
    const response = await update(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
  });

  it('revokes for good: lifting a revocation is a 409, and the credential stays revoked', async () => {
    expect(
      (await update({ credentialId, credentialStatus: [entry('revocation', true)] })).body,
    ).toEqual({ credentialId, revoked: true, suspended: false });
    const lifted = await update({ credentialId, credentialStatus: [entry('revocation', false)] });
    expect(lifted.status).toBe(409);
    expect(lifted.body.error.message).toMatch(/revocation is permanent/);
  });
});
