import { describe, expect, it } from '@jest/globals';
import { verifyCredential, verifyPresentation, type NonceStore } from '@skillproof/verifier';
import {
  issueWithDb,
  makeDbKey,
  signPresentationWithDb,
  type DbKey,
} from '../data-integrity/digital-bazaar.js';
import { openBadgeV2Credential } from '@skillproof/testing';

// Credentials and presentations signed by Digital Bazaar's vc, data-integrity and cryptosuite
// libraries, verified end to end by verifyCredential and verifyPresentation.
const issuerKey = await makeDbKey('eddsa-rdfc-2022');
const legacyIssuerKey = await makeDbKey('Ed25519Signature2020');
const holderKey = await makeDbKey('eddsa-rdfc-2022');
const strangerKey = await makeDbKey('eddsa-rdfc-2022');
const domain = 'https://jobs.example';

function badge(issuer: DbKey, subject: string, changes: Record<string, unknown> = {}) {
  const { credentialStatus: _status, ...credential } = openBadgeV2Credential(issuer.did, subject);
  return { ...credential, ...changes };
}

const signedBadge = await issueWithDb(badge(issuerKey, holderKey.did), issuerKey);
const policy = { trustedIssuers: [{ did: issuerKey.did }, { did: legacyIssuerKey.did }] };

async function codesOf(credential: unknown): Promise<string[]> {
  const result = await verifyCredential(credential, policy);
  return result.errors.map((error) => error.code ?? '');
}

function onceNonces(...nonces: string[]): NonceStore {
  const unused = new Set(nonces);
  return { consume: (nonce) => unused.delete(nonce) };
}

describe('Data Integrity credentials signed by Digital Bazaar', () => {
  it('verifies eddsa-rdfc-2022 and Ed25519Signature2020 Open Badges as ldp_vc', async () => {
    const legacy = await issueWithDb(badge(legacyIssuerKey, holderKey.did), legacyIssuerKey);
    for (const credential of [signedBadge, legacy]) {
      const result = await verifyCredential(credential, policy);
      expect(result.errors).toEqual([]);
      expect(result.verified).toBe(true);
      expect(result.format).toBe('ldp_vc');
      expect(result.checks.map((check) => check.id)).toEqual(
        expect.arrayContaining(['proof', 'context', 'canonicalization', 'signature', 'validity']),
      );
    }
  });

  it('refuses a tampered value', async () => {
    const tampered = structuredClone(signedBadge);
    (tampered['credentialSubject'] as Record<string, unknown>)['id'] = strangerKey.did;
    expect(await codesOf(tampered)).toEqual(['SIGNATURE_INVALID']);
  });

  it("refuses a proof made with another DID's key for the named issuer", async () => {
    const forged = await issueWithDb(badge(issuerKey, holderKey.did), strangerKey);
    expect(await codesOf(forged)).toEqual(['ISSUER_MISMATCH']);
  });

  it('refuses an untrusted issuer and an expired badge', async () => {
    const untrusted = await issueWithDb(badge(strangerKey, holderKey.did), strangerKey);
    expect(await codesOf(untrusted)).toEqual(['ISSUER_UNTRUSTED']);
    const expired = await issueWithDb(
      badge(issuerKey, holderKey.did, {
        validUntil: '2020-01-01T00:00:00Z',
        validFrom: '2019-01-01T00:00:00Z',
      }),
      issuerKey,
    );
    expect(await codesOf(expired)).toEqual(['EXPIRED']);
  });

  it('refuses an added undefined term and an unpinned context, before any signature check', async () => {
    const added = { ...structuredClone(signedBadge), admin: true };
    expect(await codesOf(added)).toEqual(['TERM_UNDEFINED']);
    const remote = structuredClone(signedBadge);
    remote['@context'] = [...(remote['@context'] as string[]), 'https://attacker.example/ctx.json'];
    expect(await codesOf(remote)).toEqual(['CONTEXT_UNKNOWN']);
  });
});

describe('Data Integrity presentations signed by Digital Bazaar', () => {
  const presentation = (credentials: unknown[], holder = holderKey.did) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    holder,
    verifiableCredential: credentials,
  });

  it('verifies the holder, challenge, domain and every credential, and consumes the nonce once', async () => {
    const vp = await signPresentationWithDb(presentation([signedBadge]), holderKey, 'n-1', domain);
    const nonceStore = onceNonces('n-1');
    const options = { ...policy, challenge: 'n-1', domain, nonceStore };
    const result = await verifyPresentation(vp, options);
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.holder).toBe(holderKey.did);
    expect(result.credentials[0]?.format).toBe('ldp_vc');
    const replay = await verifyPresentation(vp, options);
    expect(replay.errors.map((error) => error.code)).toEqual(['NONCE_REPLAYED']);
  });

  it('refuses another challenge or domain', async () => {
    const vp = await signPresentationWithDb(presentation([signedBadge]), holderKey, 'n-1', domain);
    const otherNonce = await verifyPresentation(vp, { ...policy, challenge: 'n-2', domain });
    expect(otherNonce.errors.map((error) => error.code)).toEqual(['NONCE_MISMATCH']);
    const otherDomain = await verifyPresentation(vp, {
      ...policy,
      challenge: 'n-1',
      domain: 'https://other.example',
    });
    expect(otherDomain.errors.map((error) => error.code)).toEqual(['AUDIENCE_MISMATCH']);
  });

  it("refuses a holder who is not the credential's subject, and a proof by another's key", async () => {
    const strangers = await signPresentationWithDb(
      presentation([signedBadge], strangerKey.did),
      strangerKey,
      'n-1',
      domain,
    );
    const result = await verifyPresentation(strangers, { ...policy, challenge: 'n-1', domain });
    expect(result.presentationVerified).toBe(true);
    expect(result.credentials[0]?.errors.map((error) => error.code)).toEqual([
      'HOLDER_NOT_SUBJECT',
    ]);
    const impostor = await signPresentationWithDb(
      presentation([signedBadge], holderKey.did),
      strangerKey,
      'n-1',
      domain,
    );
    const refused = await verifyPresentation(impostor, { ...policy, challenge: 'n-1', domain });
    expect(refused.errors.map((error) => error.code)).toEqual(['ISSUER_MISMATCH']);
  });
});
