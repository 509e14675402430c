import { describe, expect, it } from '@jest/globals';
import { SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { makeIdentity } from '@skillproof/testing';
import { createVerifierApp } from '@skillproof/verifier/server';
import {
  issueWithDb,
  makeDbKey,
  signPresentationWithDb,
} from '../data-integrity/digital-bazaar.js';
import { openBadgeV2Credential } from '@skillproof/testing';

// The VC-API service verifies what other stacks sign: Data Integrity by Digital Bazaar's
// libraries, VC-JOSE by panva/jose.
const issuerKey = await makeDbKey('eddsa-rdfc-2022');
const holderKey = await makeDbKey('eddsa-rdfc-2022');
const { credentialStatus: _status, ...unsigned } = openBadgeV2Credential(
  issuerKey.did,
  holderKey.did,
);
const ldpVc = await issueWithDb(unsigned, issuerKey);
const joseIssuer = makeIdentity();
const vcJwt = await new SignJWT({
  ...unsigned,
  issuer: { id: joseIssuer.did, type: ['Profile'], name: 'Academy' },
} as JWTPayload)
  .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: joseIssuer.kid })
  .sign(joseIssuer.privateKey);
const app = createVerifierApp({
  trustedIssuers: [{ did: issuerKey.did }, { did: joseIssuer.did }],
});

describe('VC-API verification of the field formats', () => {
  it('verifies an eddsa-rdfc-2022 credential and a vc+jwt, compact and enveloped', async () => {
    for (const verifiableCredential of [
      ldpVc,
      vcJwt,
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: 'EnvelopedVerifiableCredential',
        id: `data:application/vc+jwt,${vcJwt}`,
      },
    ]) {
      const response = await request(app)
        .post('/credentials/verify')
        .send({ verifiableCredential, options: { checks: ['proof'] } });
      expect(response.body.errors).toEqual([]);
      expect(response.status).toBe(200);
    }
  });

  it('answers 400 with the reason for a tampered Data Integrity credential', async () => {
    const tampered = { ...structuredClone(ldpVc), name: 'Something else' };
    const response = await request(app)
      .post('/credentials/verify')
      .send({ verifiableCredential: tampered });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ id: 'signature', code: 'SIGNATURE_INVALID' }),
    ]);
  });

  it('verifies a Data Integrity presentation bound to the challenge and domain', async () => {
    const presentation = await signPresentationWithDb(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holderKey.did,
        verifiableCredential: [ldpVc],
      },
      holderKey,
      'c-1',
      'https://jobs.example',
    );
    const good = await request(app)
      .post('/presentations/verify')
      .send({
        verifiablePresentation: presentation,
        options: { challenge: 'c-1', domain: 'https://jobs.example' },
      });
    expect(good.body.errors).toEqual([]);
    expect(good.status).toBe(200);
    expect(good.body.holder).toBe(holderKey.did);
    const replayedElsewhere = await request(app)
      .post('/presentations/verify')
      .send({
        verifiablePresentation: presentation,
        options: { challenge: 'c-2', domain: 'https://jobs.example' },
      });
    expect(replayedElsewhere.status).toBe(400);
    expect(replayedElsewhere.body.errors).toEqual([
      expect.objectContaining({ code: 'NONCE_MISMATCH' }),
    ]);
  });
});
