// checkDataIntegrityProof against credentials and presentations signed by Digital Bazaar's
// libraries, and each refusal compared with what Digital Bazaar's vc does with the same input.
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  checkDataIntegrityProof,
  type CheckDataIntegrityProofOptions,
} from '../../src/data-integrity/check-data-integrity-proof.js';
import { resolveDidKeyProofKey } from '../../src/data-integrity/resolve-did-key-proof-key.js';
import { CheckLog } from '../../src/verification-result.js';
import {
  issueWithDb,
  makeDbKey,
  signPresentationWithDb,
  verifyCredentialWithDb,
  verifyPresentationWithDb,
  type DbKey,
} from './digital-bazaar.js';
import { openBadgeV2Credential } from '@skillproof/testing';

type Json = Record<string, unknown>;

const credentialOptions: CheckDataIntegrityProofOptions = {
  expectedProofPurpose: 'assertionMethod',
  now: () => new Date(),
  clockSkewSeconds: 60,
  resolveKey: resolveDidKeyProofKey,
};

async function check(document: unknown, options: Partial<CheckDataIntegrityProofOptions> = {}) {
  const log = new CheckLog();
  const result = await checkDataIntegrityProof(document, { ...credentialOptions, ...options }, log);
  return { result, log, codes: log.errors.map((error) => error.code) };
}

let issuer: DbKey;
let other: DbKey;
let legacyIssuer: DbKey;
let credential: Json;
let legacyCredential: Json;

beforeAll(async () => {
  issuer = await makeDbKey('eddsa-rdfc-2022');
  other = await makeDbKey('eddsa-rdfc-2022');
  legacyIssuer = await makeDbKey('Ed25519Signature2020');
  credential = await issueWithDb(openBadgeV2Credential(issuer.did, 'did:example:learner'), issuer);
  const legacy = openBadgeV2Credential(legacyIssuer.did, 'did:example:learner');
  (legacy['@context'] as string[]).push('https://w3id.org/security/suites/ed25519-2020/v1');
  legacyCredential = await issueWithDb(legacy, legacyIssuer);
});

const copy = (): Json => structuredClone(credential);

describe('credentials Digital Bazaar signed', () => {
  it('verify with eddsa-rdfc-2022, passing the proof’s method and purpose to resolveKey', async () => {
    const resolveKey = jest.fn(resolveDidKeyProofKey);
    const { result, log } = await check(credential, { resolveKey });
    expect(log.errors).toEqual([]);
    expect(log.checks.map((entry) => entry.id)).toEqual([
      'proof',
      'context',
      'proof.purpose',
      'proof.dates',
      'canonicalization',
      'key',
      'signature',
    ]);
    expect(result).toEqual({
      ok: true,
      verificationMethod: issuer.verificationMethod,
      controller: issuer.did,
    });
    expect(resolveKey.mock.calls).toEqual([[issuer.verificationMethod, 'assertionMethod']]);
    expect(await verifyCredentialWithDb(credential)).toEqual({ verified: true });
  });

  it('verify with Ed25519Signature2020', async () => {
    const { result, log } = await check(legacyCredential);
    expect(log.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.controller).toBe(legacyIssuer.did);
    expect(await verifyCredentialWithDb(legacyCredential)).toEqual({ verified: true });
  });

  it('verify on VCDM 1.1 with the Data Integrity context', async () => {
    const v1 = openBadgeV2Credential(issuer.did, 'did:example:learner');
    v1['@context'] = [
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/security/data-integrity/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ];
    v1['issuanceDate'] = v1['validFrom'];
    delete v1['validFrom'];
    delete v1['validUntil'];
    v1['credentialStatus'] = undefined;
    delete v1['credentialStatus'];
    const signed = await issueWithDb(v1, issuer);
    const { result, log } = await check(signed);
    expect(log.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('refusals, each with its own code, and what Digital Bazaar says', () => {
  it('a changed credentialSubject value: SIGNATURE_INVALID', async () => {
    const tampered = copy();
    const subject = tampered['credentialSubject'] as { result: Array<Json> };
    (subject.result[0] as Json)['value'] = '99';
    expect((await check(tampered)).codes).toEqual(['SIGNATURE_INVALID']);
    expect((await verifyCredentialWithDb(tampered)).verified).toBe(false);
  });

  it('a proof by a key that is not the issuer’s: resolveKey refuses the method it is given', async () => {
    const byOther = await issueWithDb(
      openBadgeV2Credential(issuer.did, 'did:example:learner'),
      other,
    );
    const resolveKey = jest.fn(async (verificationMethod: string) =>
      verificationMethod.startsWith(`${issuer.did}#`)
        ? resolveDidKeyProofKey(verificationMethod)
        : ({ ok: false, code: 'ISSUER_MISMATCH', message: 'not the issuer’s key' } as const),
    );
    const { result, codes } = await check(byOther, { resolveKey });
    expect(codes).toEqual(['ISSUER_MISMATCH']);
    expect(result.ok).toBe(false);
    expect(resolveKey.mock.calls).toEqual([[other.verificationMethod, 'assertionMethod']]);
    expect((await verifyCredentialWithDb(byOther)).verified).toBe(false);
  });

  it('a signature by another key under the issuer’s method: SIGNATURE_INVALID', async () => {
    const byOther = await issueWithDb(
      openBadgeV2Credential(issuer.did, 'did:example:learner'),
      other,
    );
    (byOther['proof'] as Json)['verificationMethod'] = issuer.verificationMethod;
    expect((await check(byOther)).codes).toEqual(['SIGNATURE_INVALID']);
    expect((await verifyCredentialWithDb(byOther)).verified).toBe(false);
  });

  it.each([
    ['eddsa-jcs-2022', { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022' }],
    ['ecdsa-rdfc-2019', { type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' }],
    [
      'a DataIntegrityProof without cryptosuite',
      { type: 'DataIntegrityProof', cryptosuite: undefined },
    ],
    ['JsonWebSignature2020', { type: 'JsonWebSignature2020', cryptosuite: undefined }],
    ['no type', { type: undefined, cryptosuite: undefined }],
  ])('%s: CRYPTOSUITE_UNSUPPORTED', async (_name, change) => {
    const changed = copy();
    const proof = { ...(changed['proof'] as Json), ...change };
    changed['proof'] = JSON.parse(JSON.stringify(proof)) as Json;
    expect((await check(changed)).codes).toEqual(['CRYPTOSUITE_UNSUPPORTED']);
    expect((await verifyCredentialWithDb(changed)).verified).toBe(false);
  });

  it('an undefined top-level term added after signing: TERM_UNDEFINED, not dropped', async () => {
    const changed = { ...copy(), admin: true };
    const { codes, log } = await check(changed);
    expect(codes).toEqual(['TERM_UNDEFINED']);
    expect(log.errors[0]?.message).toMatch(/"admin" is not defined/);
    // Digital Bazaar canonicalizes in safe mode too, so it refuses rather than drop the term.
    const theirs = await verifyCredentialWithDb(changed);
    expect(theirs.verified).toBe(false);
    expect(theirs.error).toMatch(/Safe mode validation error/);
  });

  it('an undefined term inside credentialSubject: TERM_UNDEFINED', async () => {
    const changed = copy();
    (changed['credentialSubject'] as Json)['isAdmin'] = true;
    expect((await check(changed)).codes).toEqual(['TERM_UNDEFINED']);
    expect((await verifyCredentialWithDb(changed)).verified).toBe(false);
  });

  it('Digital Bazaar will not even sign an undefined term', async () => {
    const unsigned = { ...openBadgeV2Credential(issuer.did, 'did:example:learner'), admin: true };
    await expect(issueWithDb(unsigned, issuer)).rejects.toThrow(/Safe mode validation error/);
  });

  it('an inline context redefining a protected term: CONTEXT_INVALID', async () => {
    const changed = copy();
    changed['@context'] = [
      ...(changed['@context'] as string[]),
      { name: 'https://evil.example/vocab#name' },
    ];
    expect((await check(changed)).codes).toEqual(['CONTEXT_INVALID']);
    const theirs = await verifyCredentialWithDb(changed);
    expect(theirs.verified).toBe(false);
    expect(theirs.error).toMatch(/protected term redefinition/);
  });

  it('an inline context that only adds a term, nested in credentialSubject: CONTEXT_INVALID', async () => {
    const changed = copy();
    const subject = changed['credentialSubject'] as Json;
    subject['@context'] = { nickname: 'https://example.com/vocab#nickname' };
    subject['nickname'] = 'Ada';
    expect((await check(changed)).codes).toEqual(['CONTEXT_INVALID']);
    // Digital Bazaar accepts the context, so it reaches the signature, which the new term breaks.
    expect((await verifyCredentialWithDb(changed)).verified).toBe(false);
  });

  it('a proof @context that does not begin the document’s: CONTEXT_INVALID', async () => {
    const changed = copy();
    (changed['proof'] as Json)['@context'] = ['https://www.w3.org/2018/credentials/v1'];
    expect((await check(changed)).codes).toEqual(['CONTEXT_INVALID']);
  });

  it('a credential checked as a presentation: PROOF_PURPOSE_MISMATCH', async () => {
    expect((await check(credential, { expectedProofPurpose: 'authentication' })).codes).toEqual([
      'PROOF_PURPOSE_MISMATCH',
    ]);
  });

  it.each([
    ['not multibase base58btc', (value: string) => `u${value.slice(1)}`],
    ['a character outside base58', (value: string) => `${value.slice(0, -1)}0`],
    ['too short', (value: string) => value.slice(0, 40)],
    ['too long', (value: string) => `${value}${value.slice(1)}`],
    ['not a string', () => 42],
    ['missing', () => undefined],
  ])('a proofValue %s: PROOF_INVALID', async (_name, change) => {
    const changed = copy();
    const proof = changed['proof'] as Json;
    proof['proofValue'] = change(proof['proofValue'] as string);
    expect((await check(changed)).codes).toEqual(['PROOF_INVALID']);
    expect(
      (await verifyCredentialWithDb(JSON.parse(JSON.stringify(changed)) as Json)).verified,
    ).toBe(false);
  });

  it('a proofValue of 64 other bytes: SIGNATURE_INVALID', async () => {
    const changed = copy();
    const proof = changed['proof'] as Json;
    const value = proof['proofValue'] as string;
    proof['proofValue'] = `${value.slice(0, 30)}${value[30] === 'a' ? 'b' : 'a'}${value.slice(31)}`;
    expect((await check(changed)).codes).toEqual(['SIGNATURE_INVALID']);
  });

  it('no proof, too many proofs or a proof that is not an object: PROOF_INVALID', async () => {
    const { proof, ...unsigned } = copy();
    expect((await check(unsigned)).codes).toEqual(['PROOF_INVALID']);
    expect(
      (await check({ ...unsigned, proof: [proof, proof, proof, proof, proof] })).codes,
    ).toEqual(['PROOF_INVALID']);
    expect((await check({ ...unsigned, proof: [proof, 'z123'] })).codes).toEqual(['PROOF_INVALID']);
    expect((await check({ ...unsigned, proof: [] })).codes).toEqual(['PROOF_INVALID']);
    expect((await check({ ...unsigned, proof: 'z123' })).codes).toEqual(['PROOF_INVALID']);
    // An array of exactly one proof is the same proof.
    expect((await check({ ...unsigned, proof: [proof] })).result.ok).toBe(true);
  });

  it('a proof set made by Digital Bazaar verifies; one bad proof in it fails the whole', async () => {
    const both = await issueWithDb(structuredClone(credential), other);
    expect(Array.isArray(both['proof'])).toBe(true);
    expect((await check(both)).codes).toEqual([]);
    const proofs = structuredClone(both['proof']) as Json[];
    const second = proofs[1] as Json;
    const value = second['proofValue'] as string;
    second['proofValue'] =
      `${value.slice(0, 30)}${value[30] === 'a' ? 'b' : 'a'}${value.slice(31)}`;
    expect((await check({ ...both, proof: proofs })).codes).toEqual(['SIGNATURE_INVALID']);
  });

  it('a previousProof naming no proof of the document: PROOF_INVALID', async () => {
    const changed = copy();
    changed['proof'] = { ...(changed['proof'] as Json), previousProof: 'urn:uuid:missing' };
    expect((await check(changed)).codes).toEqual(['PROOF_INVALID']);
  });

  it('not an object at all: FORMAT_INVALID, never a throw', async () => {
    for (const input of [null, undefined, 42, 'a credential', [credential]]) {
      expect((await check(input)).codes).toEqual(['FORMAT_INVALID']);
    }
  });

  it('a proof created in the future beyond the skew: NOT_YET_VALID; within it: accepted', async () => {
    const created = Date.parse((credential['proof'] as Json)['created'] as string);
    expect((await check(credential, { now: () => new Date(created - 61_000) })).codes).toEqual([
      'NOT_YET_VALID',
    ]);
    expect((await check(credential, { now: () => new Date(created - 59_000) })).codes).toEqual([]);
  });

  it('an expired proof: EXPIRED (the expiry is signed)', async () => {
    const changed = copy();
    (changed['proof'] as Json)['expires'] = '2020-01-01T00:00:00Z';
    expect((await check(changed)).codes).toEqual(['EXPIRED']);
  });

  it('a created that is not a dateTimeStamp: PROOF_INVALID', async () => {
    for (const created of ['2026-01-01', '2026-01-01T00:00:00', 'yesterday', 1_700_000_000]) {
      const changed = copy();
      (changed['proof'] as Json)['created'] = created;
      expect((await check(changed)).codes).toEqual(['PROOF_INVALID']);
    }
  });

  it('a resolveKey that throws or answers a key that is not Ed25519', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const throwing = async (): Promise<never> => {
      throw new Error('resolver down');
    };
    expect((await check(credential, { resolveKey: throwing })).codes).toEqual(['DID_UNSUPPORTED']);
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const wrongKey = async () => ({ ok: true, publicKey: p256, controller: issuer.did }) as const;
    expect((await check(credential, { resolveKey: wrongKey })).codes).toEqual([
      'SIGNATURE_INVALID',
    ]);
  });

  it('hostile shapes: deep, wide and repetitive inputs come back refused, never thrown', async () => {
    let deep: Json = { id: 'did:example:learner' };
    for (let level = 0; level < 100_000; level++) deep = { nested: deep };
    const deepCredential = { ...copy(), credentialSubject: deep };
    expect((await check(deepCredential)).codes).toEqual(['TOO_LARGE']);

    const wide = copy();
    (wide['credentialSubject'] as Json)['result'] = Array.from({ length: 200_000 }, () => ({
      type: ['Result'],
      value: '1',
    }));
    expect((await check(wide)).codes).toEqual(['TOO_LARGE']);

    // Many indistinguishable blank nodes canonicalize quickly (and break the signature).
    const poison = copy();
    (poison['credentialSubject'] as Json)['result'] = Array.from({ length: 40 }, () => ({
      type: ['Result'],
      value: '1',
    }));
    const started = Date.now();
    const { codes } = await check(poison);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(codes).toEqual(['SIGNATURE_INVALID']);
  });
});

describe('presentations Digital Bazaar signed', () => {
  const challenge = 'c-8d4e4c3a9b64';
  const domain = 'https://jobs.example';
  let holder: DbKey;
  let presentation: Json;
  const presentationOptions = (): Partial<CheckDataIntegrityProofOptions> => ({
    expectedProofPurpose: 'authentication',
    challenge,
    domain,
  });

  beforeAll(async () => {
    holder = await makeDbKey('eddsa-rdfc-2022');
    presentation = await signPresentationWithDb(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holder.did,
        verifiableCredential: [credential],
      },
      holder,
      challenge,
      domain,
    );
  });

  it('verify with their challenge and domain', async () => {
    const { result, log } = await check(presentation, presentationOptions());
    expect(log.errors).toEqual([]);
    expect(log.checks.map((entry) => entry.id)).toContain('proof.challenge');
    expect(log.checks.map((entry) => entry.id)).toContain('proof.domain');
    expect(result).toEqual({
      ok: true,
      verificationMethod: holder.verificationMethod,
      controller: holder.did,
    });
    expect((await verifyPresentationWithDb(presentation, challenge, domain)).verified).toBe(true);
  });

  it('another challenge: NONCE_MISMATCH', async () => {
    expect(
      (await check(presentation, { ...presentationOptions(), challenge: 'replayed' })).codes,
    ).toEqual(['NONCE_MISMATCH']);
    expect((await verifyPresentationWithDb(presentation, 'replayed', domain)).verified).toBe(false);
  });

  it('no challenge in the proof: NONCE_MISSING', async () => {
    const changed = structuredClone(presentation);
    delete (changed['proof'] as Json)['challenge'];
    expect((await check(changed, presentationOptions())).codes).toEqual(['NONCE_MISSING']);
  });

  it('another domain: AUDIENCE_MISMATCH', async () => {
    expect(
      (await check(presentation, { ...presentationOptions(), domain: 'https://elsewhere.example' }))
        .codes,
    ).toEqual(['AUDIENCE_MISMATCH']);
    expect(
      (await verifyPresentationWithDb(presentation, challenge, 'https://elsewhere.example'))
        .verified,
    ).toBe(false);
  });

  it('a changed challenge in the proof itself: SIGNATURE_INVALID', async () => {
    const changed = structuredClone(presentation);
    (changed['proof'] as Json)['challenge'] = 'replayed';
    expect(
      (await check(changed, { ...presentationOptions(), challenge: 'replayed' })).codes,
    ).toEqual(['SIGNATURE_INVALID']);
  });

  it('a presentation checked as a credential: PROOF_PURPOSE_MISMATCH', async () => {
    expect((await check(presentation)).codes).toEqual(['PROOF_PURPOSE_MISMATCH']);
  });
});
