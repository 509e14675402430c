import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ed25519KeyObject, ed25519PublicKeyFromDidKey, signEd25519Jwt } from '@skillproof/core';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { jwtVerify } from 'jose';
import { oid4vciCallbacks } from '../../src/oid4vci/oid4vci-callbacks.js';
import {
  expectJwtVcJsonBadge,
  expectLdpVcBadge,
  expectVerifiedByOurs,
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

// The wallet side of @openid4vc/openid4vci (OpenID4VCI 1.0 final) receives a badge in each of
// the three formats from our issuer over real HTTP: offer by reference, tx code, nonce endpoint,
// a did:key key proof; what arrives is checked by our verifier and an independent one.
let issuer: LoopbackIssuer;
let key: WalletKey;
let attemptId: string;
let session: string;

function walletClient(wallet: WalletKey): Openid4vciClient {
  return new Openid4vciClient({
    callbacks: {
      // The issuer's own node:crypto hash and random callbacks; the wallet signs with its key.
      ...oid4vciCallbacks(),
      fetch,
      signJwt: (_signer, { header, payload }) => ({
        jwt: signEd25519Jwt(header, payload, wallet.privateKey),
        signerJwk: wallet.publicJwk,
      }),
    },
  });
}

async function receive(configurationId: string) {
  const offer = await offerAttempt(issuer.url, session, attemptId, {
    formats: [configurationId.split('.').pop() as string],
  });
  const client = walletClient(key);
  const credentialOffer = await client.resolveCredentialOffer(offer.offerUri);
  const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer,
    issuerMetadata,
    txCode: offer.txCode ?? undefined,
  });
  const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata });
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata,
    credentialConfigurationId: configurationId,
    signer: { method: 'did', didUrl: key.kid, alg: 'EdDSA' },
    nonce,
    // The issuer runs on a test clock (2030): the proof's iat is on it too.
    issuedAt: issuer.clock.now(),
  });
  const { credentialResponse } = await client.retrieveCredentials({
    issuerMetadata,
    accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: configurationId,
    proofs: { jwt: [jwt] },
  });
  return { credentialOffer, credentialResponse };
}

beforeAll(async () => {
  issuer = await startLoopbackIssuer();
  key = createWalletKey();
  session = await signInWithKey(issuer.url, key);
  attemptId = await passAttempt(issuer.url, issuer.context.catalog, session, 'git-basics');
});

afterAll(async () => {
  await issuer.close();
});

describe('@openid4vc/openid4vci client (OpenID4VCI 1.0) against our issuer', () => {
  it('receives jwt_vc_json: a VCDM 1.1 JWT to the proven did:key, verified by did-jwt-vc, jose and our verifier', async () => {
    const { credentialOffer, credentialResponse } = await receive('git-basics.jwt_vc_json');
    expect(credentialOffer.credential_configuration_ids).toEqual(['git-basics.jwt_vc_json']);
    expect(
      credentialOffer.grants?.['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.tx_code,
    ).toEqual({
      input_mode: 'numeric',
      length: 6,
      description: expect.any(String),
    });
    await expectJwtVcJsonBadge(issuer, firstCredential(credentialResponse), key.did);
  });

  it('receives ldp_vc: a VCDM 2.0 badge with an eddsa-rdfc-2022 proof, verified by Digital Bazaar and our verifier', async () => {
    const { credentialResponse } = await receive('git-basics.ldp_vc');
    await expectLdpVcBadge(issuer, firstCredential(credentialResponse), key.did);
  });

  it('receives vc+jwt: a VC-JOSE credential whose subject is the proven did:key', async () => {
    const { credentialResponse } = await receive('git-basics.vc+jwt');
    const credential = firstCredential(credentialResponse);
    expect(typeof credential).toBe('string');
    const { payload, protectedHeader } = await jwtVerify(
      credential as string,
      ed25519KeyObject(ed25519PublicKeyFromDidKey(issuer.identifier.did)),
      { currentDate: issuer.clock.now() },
    );
    expect(protectedHeader.typ).toBe('vc+jwt');
    expect(payload['credentialSubject']).toMatchObject({ id: key.did });
    await expectVerifiedByOurs(issuer, credential);
  });
});
