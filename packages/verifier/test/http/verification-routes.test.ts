import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createVerifierApp } from '@skillproof/verifier/server';
import {
  badgeCredential,
  fixedNow,
  makeIdentity,
  payloadOf,
  signCredential,
  signPresentation,
  signStatusList,
  startStatusListServer,
  statusEntry,
  type StatusListServer,
  issueTestBadge,
} from '@skillproof/testing';

const { issuer, learner, credential } = issueTestBadge();
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

  describe('status and trust', () => {
    it('fetches no status list from a host it was not told of', async () => {
      const url = `${lists.url}/lists/9`;
      lists.lists.set('/lists/9', { body: signStatusList(issuer, url, { set: [] }) });
      const response = await request(app)
        .post('/credentials/verify')
        .send({
          verifiableCredential: signCredential(
            issuer,
            badgeCredential(issuer, learner.did, { credentialStatus: statusEntry(url, 3) }),
          ),
        });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ id: 'status.revocation', code: 'STATUS_HOST_NOT_ALLOWED' }),
      ]);
      expect(lists.fetches.get('/lists/9')).toBeUndefined();
    });

    let lists: StatusListServer;
    beforeAll(async () => {
      lists = await startStatusListServer();
    });
    afterAll(async () => {
      await lists.close();
    });

    it('refuses a revoked credential, alone or in a presentation, from a real list server', async () => {
      const app = createVerifierApp({
        trustedIssuers: [{ did: issuer.did }],
        now: () => fixedNow,
        statusListHosts: [new URL(lists.url).host],
      });
      const url = `${lists.url}/lists/1`;
      lists.lists.set('/lists/1', { body: signStatusList(issuer, url, { set: [11] }) });
      const revoked = signCredential(
        issuer,
        badgeCredential(issuer, learner.did, { credentialStatus: statusEntry(url, 11) }),
      );
      const alone = await request(app)
        .post('/credentials/verify')
        .send({ verifiableCredential: revoked });
      expect(alone.status).toBe(400);
      expect(alone.body.errors).toEqual([
        expect.objectContaining({ id: 'status.revocation', code: 'STATUS_REVOKED' }),
      ]);

      const vp = signPresentation(learner, [credential, revoked.proof.jwt], { nonce: 'c9' });
      const presented = await request(app)
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: 'c9' } });
      expect(presented.status).toBe(400);
      expect(presented.body.holder).toBe(learner.did);
      expect(
        presented.body.credentialResults.map((r: { verified: boolean }) => r.verified),
      ).toEqual([true, false]);
      expect(presented.body.credentialResults[1].errors[0].code).toBe('STATUS_REVOKED');
      // One app keeps one cache: the list was fetched once for both requests.
      expect(lists.fetches.get('/lists/1')).toBe(1);
    });

    it('takes a presentation in normalized JSON with proof.jwt', async () => {
      const jwt = signPresentation(learner, [credential], { nonce: 'c10' });
      const payload = payloadOf(jwt);
      const normalized = {
        ...(payload['vp'] as object),
        holder: learner.did,
        proof: { type: 'JwtProof2020', jwt },
      };
      const res = await request(app)
        .post('/presentations/verify')
        .send({ verifiablePresentation: normalized, options: { challenge: 'c10' } });
      expect(res.body.errors).toEqual([]);
      expect(res.status).toBe(200);
      const forged = await request(app)
        .post('/presentations/verify')
        .send({
          verifiablePresentation: { ...normalized, holder: makeIdentity().did },
          options: { challenge: 'c10' },
        });
      expect(forged.status).toBe(400);
      expect(forged.body.errors[0].code).toBe('PAYLOAD_MISMATCH');
    });

    it('with no trusted issuers configured, reports trust as not evaluated instead of passing it', async () => {
      const open = createVerifierApp({ now: () => fixedNow });
      const res = await request(open)
        .post('/credentials/verify')
        .send({ verifiableCredential: credential });
      expect(res.status).toBe(200);
      expect(res.body.checks.map((check: { id: string }) => check.id)).not.toContain(
        'issuer.trusted',
      );
      expect(res.body.warnings).toContain(
        'issuer trust was not evaluated: no trusted issuers are configured',
      );
    });
  });
});
