import { describe, expect, it } from '@jest/globals';
import { SignJWT, type JWTPayload } from 'jose';
import {
  fixedNow,
  makeIdentity,
  nowSeconds,
  signPayload,
  type TestIdentity,
} from '@skillproof/testing';
import { verifyCredential, verifyPresentation } from '@skillproof/verifier';

// VC-JOSE-COSE §3.1.1 credentials (`vc+jwt`) signed by panva/jose, not by our code.
const issuer = makeIdentity();
const holder = makeIdentity();
const stranger = makeIdentity();
const achievementId = 'https://academy.example/achievements/sql-basics';

function credential(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:9a0e7b64-1c1d-4f1e-9d43-000000000001',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.did, type: ['Profile'], name: 'Academy' },
    validFrom: new Date((nowSeconds - 3600) * 1000).toISOString(),
    name: 'SQL Basics',
    credentialSubject: {
      id: holder.did,
      type: ['AchievementSubject'],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        name: 'SQL Basics',
        criteria: { narrative: 'Pass the SQL micro-test.' },
      },
    },
    ...overrides,
  };
}

async function signVcJwt(
  payload: Record<string, unknown>,
  options: { signer?: TestIdentity; typ?: string; kid?: string; header?: object } = {},
): Promise<string> {
  const signer = options.signer ?? issuer;
  return new SignJWT(payload as JWTPayload)
    .setProtectedHeader({
      alg: 'EdDSA',
      typ: options.typ ?? 'vc+jwt',
      kid: options.kid ?? signer.kid,
      ...options.header,
    })
    .sign(signer.privateKey);
}

const policy = { now: () => fixedNow, trustedIssuers: [{ did: issuer.did }] };

async function codesOf(input: unknown): Promise<string[]> {
  const result = await verifyCredential(input, policy);
  return result.errors.map((error) => error.code ?? '');
}

describe('VC-JOSE credentials (vc+jwt) signed by jose', () => {
  it('verifies compact and enveloped, and reports the format', async () => {
    const jwt = await signVcJwt(credential());
    for (const input of [
      jwt,
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['EnvelopedVerifiableCredential'],
        id: `data:application/vc+jwt,${jwt}`,
      },
    ]) {
      const result = await verifyCredential(input, policy);
      expect(result.errors).toEqual([]);
      expect(result.verified).toBe(true);
      expect(result.format).toBe('vc+jwt');
      expect(result.credential?.['name']).toBe('SQL Basics');
    }
  });

  it('honours validFrom, validUntil and the JWT nbf and exp', async () => {
    const later = new Date((nowSeconds + 3600) * 1000).toISOString();
    const earlier = new Date((nowSeconds - 60 * 60) * 1000).toISOString();
    expect(await codesOf(await signVcJwt(credential({ validFrom: later })))).toEqual([
      'NOT_YET_VALID',
    ]);
    expect(await codesOf(await signVcJwt(credential({ validUntil: earlier })))).toEqual([
      'EXPIRED',
    ]);
    expect(await codesOf(await signVcJwt({ ...credential(), exp: nowSeconds - 3600 }))).toEqual([
      'EXPIRED',
    ]);
  });

  it('refuses a signature by a key that is not the issuer', async () => {
    expect(
      await codesOf(await signVcJwt(credential(), { signer: stranger, kid: issuer.kid })),
    ).toEqual(['SIGNATURE_INVALID']);
    expect(await codesOf(await signVcJwt(credential(), { signer: stranger }))).toEqual([
      'KID_MISMATCH',
    ]);
  });

  it('refuses an unknown crit header, and alg none', async () => {
    // jose refuses to sign an unknown crit itself; our fixture signer does as it is told.
    const critical = signPayload(issuer, credential(), {
      typ: 'vc+jwt',
      crit: ['x-ext'],
      'x-ext': 1,
    });
    expect(await codesOf(critical)).toEqual(['CRIT_UNSUPPORTED']);
    const jwt = await signVcJwt(credential());
    const [, payload] = jwt.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"vc+jwt"}').toString('base64url')}.${payload}.`;
    expect(await codesOf(unsigned)).toEqual(['ALG_NOT_ALLOWED']);
  });

  it('refuses an iss claim that is not the issuer, and a VCDM 1.1 context', async () => {
    expect(await codesOf(await signVcJwt({ ...credential(), iss: stranger.did }))).toEqual([
      'ISSUER_MISMATCH',
    ]);
    expect(
      await codesOf(
        await signVcJwt(credential({ '@context': ['https://www.w3.org/2018/credentials/v1'] })),
      ),
    ).toEqual(['PAYLOAD_INVALID']);
  });

  it('refuses an untrusted issuer, and an envelope whose id is not a vc+jwt data URL', async () => {
    const result = await verifyCredential(await signVcJwt(credential()), {
      now: () => fixedNow,
      trustedIssuers: [{ did: stranger.did }],
    });
    expect(result.errors.map((error) => error.code)).toEqual(['ISSUER_UNTRUSTED']);
    expect(
      await codesOf({
        type: ['EnvelopedVerifiableCredential'],
        id: 'https://academy.example/credential.jwt',
      }),
    ).toEqual(['FORMAT_INVALID']);
  });

  it('binds an enveloped credential inside a presentation to its holder', async () => {
    const jwt = await signVcJwt(credential());
    const strangers = await signVcJwt(
      credential({ credentialSubject: { id: stranger.did, type: ['AchievementSubject'] } }),
    );
    const presentation = async (entries: unknown[]): Promise<string> =>
      new SignJWT({
        vp: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiablePresentation'],
          verifiableCredential: entries,
        },
        nonce: 'n-1',
        aud: 'https://jobs.example',
      } as JWTPayload)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: holder.kid })
        .setIssuer(holder.did)
        .setIssuedAt(nowSeconds)
        .sign(holder.privateKey);
    const envelope = (inner: string) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${inner}`,
    });
    const options = { ...policy, challenge: 'n-1', domain: 'https://jobs.example' };
    const good = await verifyPresentation(await presentation([envelope(jwt)]), options);
    expect(good.errors).toEqual([]);
    expect(good.credentials[0]?.format).toBe('vc+jwt');
    const bad = await verifyPresentation(await presentation([envelope(strangers)]), options);
    expect(bad.credentials[0]?.errors.map((error) => error.code)).toEqual(['HOLDER_NOT_SUBJECT']);
  });

  it('verifies a VC-JOSE presentation (vp+jwt), whose payload is the presentation', async () => {
    const jwt = await signVcJwt(credential());
    const vpJwt = (signer: TestIdentity) =>
      new SignJWT({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holder.did,
        verifiableCredential: [
          { type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` },
        ],
        nonce: 'n-2',
        aud: 'https://jobs.example',
      } as JWTPayload)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'vp+jwt', kid: signer.kid })
        .setIssuedAt(nowSeconds)
        .sign(signer.privateKey);
    const options = { ...policy, challenge: 'n-2', domain: 'https://jobs.example' };
    const good = await verifyPresentation(await vpJwt(holder), options);
    expect(good.errors).toEqual([]);
    expect(good.holder).toBe(holder.did);
    const byStranger = await verifyPresentation(await vpJwt(stranger), options);
    expect(byStranger.errors.map((error) => error.code)).toEqual(['KID_MISMATCH']);
  });
});
