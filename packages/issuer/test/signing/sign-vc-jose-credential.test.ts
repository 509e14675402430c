import { afterAll, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { verifyCredential } from '@skillproof/verifier';
import { signVcJoseCredential } from '../../src/index.js';
import { createAgentIssuer, ob3Badge, publicKeyOfDidKey } from '../fixtures/ob3-signing.js';

// An Open Badge signed as vc+jwt (W3C VC-JOSE-COSE) with a key held by a real Veramo agent,
// judged by panva's jose and by our own verifier.
const issuer = await createAgentIssuer();
afterAll(() => issuer.close());

const badge = ob3Badge(issuer.did);
const jws = await signVcJoseCredential(badge, {
  kid: issuer.verificationMethod,
  signBytes: issuer.signBytes,
});
// Status lists are not served here: `checkStatus: false`, which our verifier reports as a warning.
const policy = {
  trustedIssuers: [{ did: issuer.did }],
  checkStatus: false,
  now: () => new Date('2030-03-01T00:00:00Z'),
};

function withPayload(token: string, payload: object): string {
  const [header, , signature] = token.split('.');
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

describe('signVcJoseCredential', () => {
  it('signs a compact JWS whose header is EdDSA, vc+jwt and the kid, and whose payload is the credential', () => {
    expect(jws.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(jws)).toEqual({
      alg: 'EdDSA',
      typ: 'vc+jwt',
      kid: issuer.verificationMethod,
    });
  });

  it("verifies with jose's jwtVerify under the did:key's public key", async () => {
    const { payload, protectedHeader } = await jwtVerify(jws, publicKeyOfDidKey(issuer.did), {
      algorithms: ['EdDSA'],
      typ: 'vc+jwt',
      currentDate: new Date('2030-03-01T00:00:00Z'),
    });
    expect(protectedHeader.kid).toBe(issuer.verificationMethod);
    expect(payload).toEqual(badge);
  });

  it('verifies with our verifier as vc+jwt', async () => {
    const result = await verifyCredential(jws, policy);
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.format).toBe('vc+jwt');
    expect(result.credential).toMatchObject({ id: badge.id, issuer: badge.issuer });
  });

  it('fails both verifiers once the payload is changed', async () => {
    const tampered = withPayload(jws, {
      ...badge,
      credentialSubject: { ...badge.credentialSubject, id: 'did:example:someone-else' },
    });
    await expect(
      jwtVerify(tampered, publicKeyOfDidKey(issuer.did), { algorithms: ['EdDSA'] }),
    ).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    const ours = await verifyCredential(tampered, policy);
    expect(ours.verified).toBe(false);
    expect(ours.errors.map((error) => error.code)).toContain('SIGNATURE_INVALID');
  });

  it('refuses a credential whose first @context is not VCDM 2.0, before signing anything', async () => {
    const before = issuer.signatures();
    const v1 = { ...badge, '@context': ['https://www.w3.org/2018/credentials/v1'] };
    await expect(
      signVcJoseCredential(v1, { kid: issuer.verificationMethod, signBytes: issuer.signBytes }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(issuer.signatures()).toBe(before);
  });
});
