import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { signEd25519Jwt } from '@skillproof/core';
import { OpenID4VCIClient } from '@sphereon/oid4vci-client';
import type { Jwt } from '@sphereon/oid4vci-common';
import { verifyCredential } from '@skillproof/verifier';
import {
  expectJwtVcJsonBadge,
  expectLdpVcBadge,
  firstCredential,
} from '../fixtures/received-badge-checks.js';
import { startLoopbackIssuer, type LoopbackIssuer } from '../fixtures/loopback-issuer.js';
import {
  createWalletKey,
  offerAttempt,
  passAttempt,
  signInWithKey,
  type WalletKey,
} from '../fixtures/oid4vci-wallet.js';

// Sphereon's OpenID4VCI client (up to draft 15: `proof` in the singular) receives a badge from
// our issuer over real HTTP: the offer by reference, the tx code, the nonce endpoint and a key
// proof signed by the learner's did:key; what arrives is checked by independent verifiers.
let issuer: LoopbackIssuer;
let key: WalletKey;
let attemptId: string;
let session: string;

async function receive(format: 'jwt_vc_json' | 'ldp_vc' | 'vc+jwt') {
  const offer = await offerAttempt(issuer.url, session, attemptId, { formats: [format] });
  const client = await OpenID4VCIClient.fromURI({
    uri: offer.offerUri,
    kid: key.kid,
    alg: 'EdDSA',
    retrieveServerMetadata: true,
  });
  await client.acquireAccessToken({ pin: offer.txCode ?? undefined });
  return client.acquireCredentials({
    credentialTypes: ['VerifiableCredential', 'OpenBadgeCredential'],
    format,
    kid: key.kid,
    alg: 'EdDSA',
    proofCallbacks: {
      // The issuer runs on a test clock (2030): the proof's times are moved onto it.
      signCallback: async ({ header, payload }: Jwt) => {
        const shift = Math.floor((issuer.clock.nowMs() - Date.now()) / 1000);
        const onIssuerClock = (seconds: number | undefined) =>
          seconds === undefined ? undefined : seconds + shift;
        return signEd25519Jwt(
          header,
          { ...payload, iat: onIssuerClock(payload.iat), exp: onIssuerClock(payload.exp) },
          key.privateKey,
        );
      },
    },
  });
}

beforeAll(async () => {
  // Sphereon's client warns that a pre-authorized-only issuer has no authorization_endpoint.
  const warn = console.warn.bind(console);
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('has no authorization_endpoint')) warn(...args);
  });
  issuer = await startLoopbackIssuer();
  key = createWalletKey();
  session = await signInWithKey(issuer.url, key);
  attemptId = await passAttempt(issuer.url, issuer.context.catalog, session, 'git-basics');
});

afterAll(async () => {
  jest.restoreAllMocks();
  await issuer.close();
});

describe("Sphereon's OpenID4VCI client (draft 15) against our issuer", () => {
  it('receives jwt_vc_json with a tx code: the learner’s did:key as subject, verified by did-jwt-vc, jose and our verifier', async () => {
    await expectJwtVcJsonBadge(issuer, firstCredential(await receive('jwt_vc_json')), key.did);
  });

  it('receives ldp_vc: verified by Digital Bazaar’s vc and our verifier', async () => {
    await expectLdpVcBadge(issuer, firstCredential(await receive('ldp_vc')), key.did);
  });

  it('receives vc+jwt as well', async () => {
    const credential = firstCredential(await receive('vc+jwt'));
    const ours = await verifyCredential(credential, issuer.policy());
    expect(ours.errors).toEqual([]);
    expect(ours.credential?.credentialSubject).toMatchObject({ id: key.did });
  });
});
