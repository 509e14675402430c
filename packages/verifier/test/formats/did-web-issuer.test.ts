import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { SignJWT, type JWTPayload } from 'jose';
import { createDidResolver, verifyCredential, type DidResolver } from '@skillproof/verifier';
import { issueWithDb, type DbKey } from '../data-integrity/digital-bazaar.js';
import { openBadgeV2Credential } from '@skillproof/testing';
import { didDocument, makeTestKey, multikeyMethod, type TestKey } from '../did/did-web-fixtures.js';
import { startDidWebServer, testCertificate, type DidWebServer } from '../did/did-web-server.js';

// An issuer named by a domain: its DID document on a real HTTPS server (loopback, a test
// certificate), its credentials signed by jose (vc+jwt) and by Digital Bazaar (eddsa-rdfc-2022).
let server: DidWebServer;
let did: string;
let joseKey: TestKey;
let dbKey: DbKey;
let dids: DidResolver;

function badge(): Record<string, unknown> {
  const { credentialStatus: _status, ...credential } = openBadgeV2Credential(
    did,
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  );
  return credential;
}

async function vcJwt(kid: string, key: TestKey = joseKey): Promise<string> {
  return new SignJWT(badge() as JWTPayload)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid })
    .sign(key.privateKey);
}

beforeAll(async () => {
  server = await startDidWebServer();
  did = server.did;
  joseKey = makeTestKey();
  const generated = await Ed25519Multikey.generate();
  generated.id = `${did}#key-2`;
  generated.controller = did;
  dbKey = { did, verificationMethod: `${did}#key-2`, suite: 'eddsa-rdfc-2022', keyPair: generated };
  server.documents.set('/.well-known/did.json', {
    contentType: 'application/did+json',
    body: didDocument(did, [
      multikeyMethod(did, joseKey, 'key-1'),
      {
        id: '#key-2',
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: generated.publicKeyMultibase,
      },
    ]),
  });
  dids = createDidResolver({
    ca: testCertificate,
    allowedPrivateHosts: [`localhost:${server.port}`],
  });
});

afterAll(async () => {
  await server.close();
});

describe('a did:web issuer', () => {
  it('verifies its vc+jwt and its Data Integrity credential through its DID document', async () => {
    const policy = { didResolver: dids, trustedIssuers: [{ did }] };
    const viaJose = await verifyCredential(await vcJwt(`${did}#key-1`), policy);
    expect(viaJose.errors).toEqual([]);
    expect(viaJose.verified).toBe(true);
    const viaDb = await verifyCredential(await issueWithDb(badge(), dbKey), policy);
    expect(viaDb.errors).toEqual([]);
    expect(viaDb.verified).toBe(true);
  });

  it("refuses a key its document doesn't list, and a signature by another key under a listed id", async () => {
    const policy = { didResolver: dids, trustedIssuers: [{ did }] };
    const unlisted = await verifyCredential(await vcJwt(`${did}#key-9`), policy);
    expect(unlisted.errors.map((error) => error.code)).toEqual(['KEY_NOT_FOUND']);
    const forged = await verifyCredential(await vcJwt(`${did}#key-1`, makeTestKey()), policy);
    expect(forged.errors.map((error) => error.code)).toEqual(['SIGNATURE_INVALID']);
  });

  it('is not resolved on a private address unless configuration allows it: no request is made', async () => {
    const before = server.requestCount();
    const result = await verifyCredential(await vcJwt(`${did}#key-1`), {
      didResolver: createDidResolver({ ca: testCertificate }),
    });
    expect(result.errors.map((error) => error.code)).toEqual(['DID_ADDRESS_NOT_ALLOWED']);
    expect(server.requestCount()).toBe(before);
  });

  it('is refused when its server redirects', async () => {
    const moved = await startDidWebServer();
    moved.documents.set('/.well-known/did.json', {
      status: 302,
      location: `${server.origin}/.well-known/did.json`,
    });
    try {
      const jwt = await new SignJWT({ ...badge(), issuer: moved.did } as JWTPayload)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${moved.did}#key-1` })
        .sign(joseKey.privateKey);
      const result = await verifyCredential(jwt, {
        didResolver: createDidResolver({
          ca: testCertificate,
          allowedPrivateHosts: [`localhost:${moved.port}`, `localhost:${server.port}`],
        }),
      });
      expect(result.errors.map((error) => error.code)).toEqual(['DID_REDIRECT_REFUSED']);
    } finally {
      await moved.close();
    }
  });
});
