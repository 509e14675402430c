import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listen } from '@skillproof/server/http';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import request from 'supertest';
import { createIssuer, type CreateIssuerResult } from '../../src/index.js';

const adminToken = 'safety-admin-token-0123456789';
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

describe('the VC-API endpoints are safe to expose', () => {
  let db: SqliteDatabase;
  let issuer: CreateIssuerResult;
  let http: ReturnType<typeof request>;
  let close: () => Promise<void>;
  const logLines: string[] = [];

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const record = (level: string) => (message: string, fields?: object) => {
      logLines.push(JSON.stringify({ level, message, ...fields }));
    };
    issuer = await createIssuer({
      db,
      keySecret: 'safety test secret',
      scryptLogN: 10,
      config: { name: 'Skillproof Academy', url: 'https://academy.test', adminToken },
      log: { info: record('info'), error: record('error') },
    });
    const running = await listen(issuer.app, 0);
    http = request(running.url);
    close = running.close;
  });

  afterAll(async () => {
    await close();
    db.close();
  });

  const credential = (overrides: Record<string, unknown> = {}) => ({
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    type: ['VerifiableCredential'],
    issuer: issuer.identifier.did,
    credentialSubject: { id: learnerDid },
    ...overrides,
  });
  const issue = (body: unknown) =>
    http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${adminToken}`)
      .send(body as object);

  it('sends helmet’s headers on successes and errors alike', async () => {
    for (const response of [
      await issue({ credential: credential() }),
      await issue({ credential: 'nope' }),
      await http.get('/status/revocation-1'),
    ]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses an oversized status update (413) before reading it', async () => {
    const response = await http
      .post('/credentials/status')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ credentialId: 'x'.repeat(200_000), credentialStatus: [] });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  // Bodies are built lazily: the issuer's DID is known only once beforeAll has run.
  it.each<[string, () => unknown]>([
    ['a subject holding only an id', () => ({ credential: credential() })],
    [
      'an impossible date',
      () => ({ credential: credential({ issuanceDate: '2030-02-30T00:00:00Z' }) }),
    ],
    ['year zero', () => ({ credential: credential({ issuanceDate: '0000-01-01T00:00:00Z' }) })],
    ['an empty subject id', () => ({ credential: credential({ credentialSubject: { id: '' } }) })],
    [
      'a __proto__ key',
      () => JSON.parse(`{"credential": ${JSON.stringify(credential())}, "__proto__": {"x": 1}}`),
    ],
    [
      'a __proto__ subject claim',
      () => ({
        credential: credential({
          credentialSubject: JSON.parse(`{"id": "${learnerDid}", "__proto__": {"admin": true}}`),
        }),
      }),
    ],
    [
      'a deeply nested claim',
      () => ({
        credential: credential({
          credentialSubject: {
            id: learnerDid,
            deep: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`),
          },
        }),
      }),
    ],
    ['a number as a context', () => ({ credential: credential({ '@context': [42] }) })],
    [
      'an issuer object with a non-string name',
      () => ({ credential: credential({ issuer: { id: issuer.identifier.did, name: 5 } }) }),
    ],
    [
      'a proof of its own',
      () => ({ credential: credential({ proof: { type: 'JwtProof2020', jwt: 'a.b.c' } }) }),
    ],
  ])('never answers 500, whatever the credential: %s', async (_name, body) => {
    const response = await issue(body());
    expect([201, 400, 409]).toContain(response.status);
    if (response.status === 400) {
      expect(response.body.error.code).toMatch(
        /^(VALIDATION_FAILED|MALFORMED_JSON|BODY_TOO_COMPLEX)$/,
      );
      expect(response.body.error.message).not.toMatch(/\n\s+at /);
    }
  });

  it('a given proof is dropped: the only proof is the issuer’s JWT', async () => {
    const response = await issue({
      credential: credential({ proof: { type: 'Ed25519Signature2020', proofValue: 'z123' } }),
    });
    expect(response.status).toBe(201);
    expect(response.body.verifiableCredential.proof.type).toBe('JwtProof2020');
  });

  it('logs what happened, never a credential’s JWT, the admin token or key material', async () => {
    const vc = (await issue({ credential: credential() }).expect(201)).body.verifiableCredential;
    await http
      .post('/credentials/status')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        credentialId: vc.id,
        credentialStatus: [
          { type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: true },
        ],
      })
      .expect(200);
    await http.get('/status/suspension-1').expect(200);
    const log = logLines.join('\n');
    expect(log).toContain('credential issued');
    expect(log).toContain('credential status changed');
    expect(log).not.toContain(vc.proof.jwt);
    expect(log).not.toContain(vc.proof.jwt.split('.')[2]);
    expect(log).not.toContain(adminToken);
    expect(log).not.toMatch(/privateKey|safety test secret/i);
  });
});
