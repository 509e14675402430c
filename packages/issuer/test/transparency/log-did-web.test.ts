// A did:web issuer's checkpoints (issue 17): signed by the key its DID document lists under
// assertionMethod, the note key name the log's origin; after a key rotation the next ones are
// signed by the new key, and the old ones still verify with the old key, which stays listed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ed25519PublicKeyFromDidKey,
  verifyCheckpoint,
  type NoteVerifierKey,
} from '@skillproof/core';
import { rotateWebIdentifierKey } from '@skillproof/server/agent';
import { adminToken, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';

const origin = 'academy.test/log';

describe('the checkpoints of a did:web issuer', () => {
  let issuer: TestIssuer;

  /** The note keys the issuer's DID document names: each assertionMethod key, named the origin. */
  async function documentKeys(): Promise<NoteVerifierKey[]> {
    const document = (await issuer.http.get('/.well-known/did.json').expect(200)).body as {
      verificationMethod: { id: string; publicKeyMultibase: string }[];
      assertionMethod: string[];
    };
    return document.verificationMethod
      .filter((method) => document.assertionMethod.includes(method.id))
      .map((method) => ({
        name: origin,
        publicKey: ed25519PublicKeyFromDidKey(`did:key:${method.publicKeyMultibase}`),
      }));
  }

  async function issueAndSign(): Promise<string> {
    await issuer.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        credential: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          issuer: issuer.identifier.did,
          credentialSubject: { id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp' },
        },
      })
      .expect(201);
    await issuer.context.transparency!.checkpoints.signNow();
    return (await issuer.http.get('/log/checkpoint').expect(200)).text;
  }

  beforeAll(async () => {
    issuer = await startTestIssuer({
      didMethod: 'web',
      transparencyLog: { checkpointIntervalMs: 0 },
    });
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('signs with the key the DID document names, and again with the new key after a rotation', async () => {
    const before = await issueAndSign();
    const [oldKey] = await documentKeys();
    expect(verifyCheckpoint(before, { origin, keys: [oldKey!] }).verified).toBe(true);

    await rotateWebIdentifierKey(issuer.agent, issuer.identifier.did);
    const after = await issueAndSign();
    const keys = await documentKeys();
    expect(keys).toHaveLength(2);
    expect(verifyCheckpoint(after, { origin, keys: [keys[1]!] }).verified).toBe(true);
    expect(verifyCheckpoint(after, { origin, keys: [oldKey!] })).toMatchObject({
      verified: false,
      code: 'NOTE_UNKNOWN_KEY',
    });
    // A verifier holding the whole document accepts both, old and new.
    expect(verifyCheckpoint(before, { origin, keys }).verified).toBe(true);
    expect(verifyCheckpoint(after, { origin, keys }).verified).toBe(true);
  });
});
