import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { decodeJwt } from '@skillproof/core';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { createDidResolver, verifyCredential } from '@skillproof/verifier';
import { runAdmin } from '../../src/admin/run-admin.js';
import { createIssuer } from '../../src/create-issuer.js';

// An issuer named by its domain (did:web), served for real on loopback, checked by our verifier
// resolving its DID document over HTTP (the verifier's development flag for localhost).
const keySecret = 'did web issuer test secret';
const adminToken = 'test-admin-token-0123456789';
const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
let server: Server;
let db: SqliteDatabase;
let dataDir: string;
let url: string;
let did: string;

beforeAll(async () => {
  // The DID names the port, so the port is taken before the issuer is made.
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://localhost:${port}`;
  did = `did:web:localhost%3A${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'skillproof-did-web-issuer-'));
  db = openDatabase(join(dataDir, 'issuer.db'));
  const issuer = await createIssuer({
    db,
    keySecret,
    scryptLogN: 10,
    config: { name: 'Web Academy', url, adminToken, didMethod: 'web' },
    log: { info() {}, error() {} },
  });
  server.on('request', issuer.app);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  db.close();
});

async function issue(): Promise<{ proof: { jwt: string } }> {
  const response = await request(url)
    .post('/credentials/issue')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: did,
        credentialSubject: { id: learnerDid, skill: 'testing' },
      },
    });
  expect(response.status).toBe(201);
  return response.body.verifiableCredential as { proof: { jwt: string } };
}

const policy = () => ({
  trustedIssuers: [{ did }],
  didResolver: createDidResolver({ allowHttpLoopback: true }),
});

describe('a did:web issuer', () => {
  it('serves its DID document at /.well-known/did.json, with its key as Multikey', async () => {
    const response = await request(url).get('/.well-known/did.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/did\+json/);
    expect(response.body).toMatchObject({
      id: did,
      verificationMethod: [{ type: 'Multikey', controller: did }],
    });
    expect(response.body.assertionMethod).toHaveLength(1);
    const profile = await request(url).get('/issuer');
    expect(profile.body.id).toBe(did);
  });

  it('signs credentials our verifier checks through that document, status list included', async () => {
    const credential = await issue();
    const result = await verifyCredential(credential, policy());
    expect(result.errors).toEqual([]);
    expect(result.checks.map((check) => check.id)).toEqual(
      expect.arrayContaining(['signature', 'issuer.trusted', 'status.revocation']),
    );
  });

  it('rotates its key: new credentials use the new key, old ones still verify', async () => {
    const before = await issue();
    const rotated = JSON.parse(
      await runAdmin(['rotate-key', '--json'], { dataDir, keySecret }),
    ) as { did: string; verificationMethod: string; verificationMethods: string[] };
    expect(rotated.did).toBe(did);
    expect(rotated.verificationMethods).toHaveLength(2);
    const after = await issue();
    expect(decodeJwt(after.proof.jwt).header.kid).toBe(rotated.verificationMethod);
    expect(decodeJwt(before.proof.jwt).header.kid).toBe(rotated.verificationMethods[0]);
    const document = await request(url).get('/.well-known/did.json');
    expect(document.body.assertionMethod).toEqual(rotated.verificationMethods);
    for (const credential of [before, after]) {
      const result = await verifyCredential(credential, policy());
      expect(result.errors).toEqual([]);
    }
  });

  it('refuses rotate-key without the key secret, or with a wrong one, and changes nothing', async () => {
    await expect(runAdmin(['rotate-key'], { dataDir })).rejects.toMatchObject({
      code: 'CONFIGURATION_INVALID',
    });
    await expect(
      runAdmin(['rotate-key'], { dataDir, keySecret: 'not the secret' }),
    ).rejects.toMatchObject({ code: 'KEY_SECRET_INVALID' });
    const document = await request(url).get('/.well-known/did.json');
    expect(document.body.assertionMethod).toHaveLength(2);
  });
});
