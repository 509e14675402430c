import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createVerifierApp } from '@skillproof/verifier/server';
import {
  badgeCredential,
  fixedNow,
  makeIdentity,
  signCredential,
  signPresentation,
} from '../fixtures/make-jwts.js';

const issuer = makeIdentity();
const learner = makeIdentity();
const credential = signCredential(issuer, badgeCredential(issuer, learner.did));
const app = createVerifierApp({ trustedIssuers: [{ did: issuer.did }], now: () => fixedNow });

describe('VC-API verifier service', () => {
  it('POST /credentials/verify answers 200 for a valid credential', async () => {
    const res = await request(app)
      .post('/credentials/verify')
      .send({ verifiableCredential: credential });
    expect(res.status).toBe(200);
    expect(res.body.verified).toBe(true);
    expect(res.body.errors).toEqual([]);
    expect(res.body.checks.length).toBeGreaterThan(3);
  });

  it('POST /credentials/verify answers 400 with its checks for a failing credential', async () => {
    const forged = {
      ...credential,
      credentialSubject: { ...credential.credentialSubject, id: makeIdentity().did },
    };
    const res = await request(app)
      .post('/credentials/verify')
      .send({ verifiableCredential: forged });
    expect(res.status).toBe(400);
    expect(res.body.verified).toBe(false);
    expect(res.body.errors[0].code).toBe('PAYLOAD_MISMATCH');
  });

  it('POST /credentials/verify reports an untrusted issuer', async () => {
    const stranger = makeIdentity();
    const vc = signCredential(stranger, badgeCredential(stranger, learner.did));
    const res = await request(app)
      .post('/credentials/verify')
      .send({ verifiableCredential: vc.proof.jwt });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((error: { code: string }) => error.code)).toEqual([
      'ISSUER_UNTRUSTED',
    ]);
  });

  it('POST /presentations/verify checks challenge and domain', async () => {
    const vp = signPresentation(learner, [credential], {
      nonce: 'c1',
      aud: 'https://jobs.example',
    });
    const ok = await request(app)
      .post('/presentations/verify')
      .send({
        verifiablePresentation: vp,
        options: { challenge: 'c1', domain: 'https://jobs.example' },
      });
    expect(ok.status).toBe(200);
    expect(ok.body.verified).toBe(true);
    const wrong = await request(app)
      .post('/presentations/verify')
      .send({
        verifiablePresentation: vp,
        options: { challenge: 'c2', domain: 'https://jobs.example' },
      });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].code).toBe('NONCE_MISMATCH');
  });

  it.each([
    ['no verifiableCredential', {}],
    ['a null verifiableCredential', { verifiableCredential: null }],
    ['options of the wrong type', { verifiableCredential: 'a.b.c', options: 'x' }],
  ])('answers 400 VALIDATION_FAILED for %s', async (_name, body) => {
    const res = await request(app).post('/credentials/verify').send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await request(app)
      .post('/credentials/verify')
      .set('Content-Type', 'application/json')
      .send('{"x":');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'MALFORMED_JSON', message: 'the body is not valid JSON' },
    });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const res = await request(app)
      .post('/presentations/verify')
      .send({ verifiablePresentation: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 NOT_FOUND for an unknown route', async () => {
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('never answers 500 to garbage', async () => {
    for (const body of [
      [],
      'text',
      42,
      { verifiablePresentation: { proof: { jwt: 7 } } },
      { verifiablePresentation: [1, 2] },
    ]) {
      const res = await request(app)
        .post('/presentations/verify')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
      expect(res.status).toBe(400);
    }
  });
});
