import { afterAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createPinnedDocumentLoader } from '@skillproof/data-integrity';
import {
  didKeyFromEd25519PublicKey,
  encodeStatusList,
  jwtPayloadFromCredential,
  setStatusBit,
  vcContextV1,
} from '@skillproof/core';
import { startStatusListServer } from '@skillproof/testing';
import { verifyCredential } from '@skillproof/verifier';
import { signDataIntegrityCredential } from '../../src/index.js';
import { createAgentIssuer, ob3Badge, verifyWithDigitalBazaar } from '../fixtures/ob3-signing.js';

// An Open Badge signed as ldp_vc (eddsa-rdfc-2022) with a key held by a real Veramo agent,
// judged by Digital Bazaar's vc library and by our own verifier.
const issuer = await createAgentIssuer();
afterAll(() => issuer.close());

const created = new Date('2030-02-28T12:34:56.789Z');
const options = {
  verificationMethod: issuer.verificationMethod,
  created,
  signBytes: issuer.signBytes,
};
const signed = await signDataIntegrityCredential(ob3Badge(issuer.did), options);
// Most tests run our verifier with `checkStatus: false` (it then warns that status was not
// checked) and Digital Bazaar's with a status check that passes; one serves the status lists.
const policy = {
  trustedIssuers: [{ did: issuer.did }],
  checkStatus: false,
  now: () => new Date('2030-03-01T00:00:00Z'),
};

describe('signDataIntegrityCredential', () => {
  it('writes a DataIntegrityProof with eddsa-rdfc-2022 (vc-di-eddsa §3.3)', () => {
    expect(signed.proof).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      created: '2030-02-28T12:34:56Z',
      verificationMethod: issuer.verificationMethod,
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{86,88}$/),
    });
    const { proof: _proof, ...unsecured } = signed;
    expect(unsecured).toEqual(ob3Badge(issuer.did));
  });

  it("verifies with Digital Bazaar's vc, DataIntegrityProof and eddsa-rdfc-2022", async () => {
    expect(await verifyWithDigitalBazaar(signed, issuer.did)).toEqual({ verified: true });
  });

  it('verifies with our verifier as ldp_vc', async () => {
    const result = await verifyCredential(signed, policy);
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.format).toBe('ldp_vc');
    expect(result.checks.map((check) => check.id)).toEqual(
      expect.arrayContaining(['canonicalization', 'signature', 'validity']),
    );
    expect(result.warnings).toContain('credential status was not checked: status checking is off');
  });

  it("makes the very proof Digital Bazaar's vc.issue makes with the same key, date and badge", async () => {
    // Ed25519 signatures are deterministic (RFC 8032 §5.1.6): same bytes signed, same proofValue.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const did = didKeyFromEd25519PublicKey(
      new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)),
    );
    const verificationMethod = `${did}#${did.slice('did:key:'.length)}`;
    const badge = ob3Badge(did);
    const ours = await signDataIntegrityCredential(badge, {
      verificationMethod,
      created,
      signBytes: async (data) => sign(null, data, privateKey),
    });
    const theirKey = await Ed25519Multikey.fromJwk({
      jwk: privateKey.export({ format: 'jwk' }),
      secretKey: true,
      id: verificationMethod,
      controller: did,
    });
    const theirs = await vc.issue({
      credential: structuredClone(badge),
      suite: new DataIntegrityProof({
        signer: theirKey.signer(),
        cryptosuite: eddsaRdfc2022,
        date: '2030-02-28T12:34:56Z',
      }),
      documentLoader: createPinnedDocumentLoader(),
    });
    expect(ours).toEqual(theirs);
  });

  it('verifies with our verifier checking the status lists the issuer serves, and sees a revocation', async () => {
    const server = await startStatusListServer();
    try {
      const served = await signDataIntegrityCredential(
        ob3Badge(issuer.did, ['revocation', 'suspension'], server.url),
        options,
      );
      const serveLists = async (revoked: number[]) => {
        for (const purpose of ['revocation', 'suspension']) {
          const url = `${server.url}/status/${purpose}-1`;
          const bits = new Uint8Array(131_072 / 8);
          for (const index of purpose === 'revocation' ? revoked : []) {
            setStatusBit(bits, index, true);
          }
          const payload = jwtPayloadFromCredential({
            '@context': [vcContextV1],
            id: url,
            type: ['VerifiableCredential', 'BitstringStatusListCredential'],
            issuer: issuer.did,
            issuanceDate: '2030-02-28T00:00:00Z',
            credentialSubject: {
              id: `${url}#list`,
              type: 'BitstringStatusList',
              statusPurpose: purpose,
              encodedList: encodeStatusList(bits),
            },
          });
          server.lists.set(`/status/${purpose}-1`, { body: await issuer.signJwt(payload) });
        }
      };
      const statusPolicy = { ...policy, checkStatus: true };
      await serveLists([]);
      const good = await verifyCredential(served, statusPolicy);
      expect(good.errors).toEqual([]);
      // Both lists were fetched and checked (one pass per purpose), not skipped.
      expect(good.warnings).not.toContain(
        'credential status was not checked: status checking is off',
      );
      expect(server.fetches.get('/status/revocation-1')).toBe(1);
      expect(server.fetches.get('/status/suspension-1')).toBe(1);
      expect(good.checks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'status.revocation', ok: true }),
          expect.objectContaining({ id: 'status.suspension', ok: true }),
        ]),
      );
      expect(good.verified).toBe(true);
      await serveLists([41]);
      const revoked = await verifyCredential(served, statusPolicy);
      expect(revoked.errors.map((error) => error.code)).toEqual(['STATUS_REVOKED']);
    } finally {
      await server.close();
    }
  });

  it('fails both verifiers once a signed value is changed', async () => {
    const tampered = structuredClone(signed);
    const subject = ob3Badge(issuer.did).credentialSubject;
    // The score, 90, becomes 100.
    tampered['credentialSubject'] = {
      ...subject,
      result: subject.result.map((result) => ({ ...result, value: '100' })),
    };
    expect((await verifyWithDigitalBazaar(tampered, issuer.did)).verified).toBe(false);
    const ours = await verifyCredential(tampered, policy);
    expect(ours.verified).toBe(false);
    expect(ours.errors.map((error) => error.code)).toEqual(['SIGNATURE_INVALID']);
  });

  it('fails both verifiers once the proof is changed', async () => {
    const tampered = structuredClone(signed);
    tampered.proof.created = '2030-02-28T12:34:57Z';
    expect((await verifyWithDigitalBazaar(tampered, issuer.did)).verified).toBe(false);
    expect((await verifyCredential(tampered, policy)).verified).toBe(false);
  });

  it('refuses a term no context defines with VALIDATION_FAILED, before signing anything', async () => {
    const before = issuer.signatures();
    const badge = ob3Badge(issuer.did);
    const withAdmin = { ...badge, credentialSubject: { ...badge.credentialSubject, admin: true } };
    await expect(signDataIntegrityCredential(withAdmin, options)).rejects.toMatchObject({
      name: 'SkillproofError',
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('"admin"'),
    });
    expect(issuer.signatures()).toBe(before);
  });

  it('refuses a context we do not pin with VALIDATION_FAILED, before signing anything', async () => {
    const before = issuer.signatures();
    const badge = ob3Badge(issuer.did);
    const unknownContext = 'https://contexts.example/extra.jsonld';
    const withContext = { ...badge, '@context': [...badge['@context'], unknownContext] };
    await expect(signDataIntegrityCredential(withContext, options)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining(unknownContext),
    });
    expect(issuer.signatures()).toBe(before);
  });

  it('refuses a credential that already has a proof', async () => {
    await expect(signDataIntegrityCredential(signed, options)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('signs a copy: changing the input afterwards does not change what was signed', async () => {
    const badge = ob3Badge(issuer.did);
    const pending = signDataIntegrityCredential(badge, options);
    badge.name = 'Something else';
    const result = await pending;
    expect(result['name']).toBe(ob3Badge(issuer.did).name);
    expect(await verifyWithDigitalBazaar(result, issuer.did)).toEqual({ verified: true });
  });
});
