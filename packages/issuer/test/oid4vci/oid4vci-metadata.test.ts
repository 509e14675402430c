import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Oauth2AuthorizationServer } from '@openid4vc/oauth2';
import { Openid4vciIssuer, type CredentialIssuerMetadata } from '@openid4vc/openid4vci';
import { oid4vciCallbacks } from '../../src/oid4vci/oid4vci-callbacks.js';
import { startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';

// What a wallet reads first: the credential issuer's and the authorization server's metadata,
// as the 1.0 final schemas of @openid4vc accept them.
let issuer: TestIssuer;
let metadata: CredentialIssuerMetadata;

beforeAll(async () => {
  issuer = await startTestIssuer();
  metadata = (await issuer.http.get('/.well-known/openid-credential-issuer').expect(200)).body;
});

afterAll(async () => {
  await issuer.close();
});

describe('GET /.well-known/openid-credential-issuer', () => {
  it('names the issuer, its endpoints and its display, and passes the 1.0 schema', () => {
    expect(metadata).toMatchObject({
      credential_issuer: 'https://academy.test',
      credential_endpoint: 'https://academy.test/oid4vci/credential',
      nonce_endpoint: 'https://academy.test/oid4vci/nonce',
      display: [
        {
          name: 'Skillproof Academy',
          logo: { uri: 'https://academy.test/issuer/logo.svg' },
        },
      ],
    });
    const schemaChecked = new Openid4vciIssuer({ callbacks: oid4vciCallbacks() });
    expect(schemaChecked.createCredentialIssuerMetadata(metadata)).toEqual(metadata);
  });

  it('describes each badge in each format, display under credential_metadata', () => {
    const ids = Object.keys(metadata.credential_configurations_supported);
    expect(ids).toHaveLength(issuer.context.catalog.badges.length * 3);
    const type = ['VerifiableCredential', 'OpenBadgeCredential'];
    const common = {
      cryptographic_binding_methods_supported: ['did:key', 'jwk'],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA'] } },
      credential_metadata: {
        display: [
          {
            name: 'Git Basics',
            description: expect.any(String),
            logo: {
              uri: 'https://academy.test/badges/git-basics/image.svg',
              alt_text: expect.any(String),
            },
          },
        ],
      },
    };
    const configurations = metadata.credential_configurations_supported;
    expect(configurations['git-basics.jwt_vc_json']).toMatchObject({
      format: 'jwt_vc_json',
      credential_definition: { type },
      credential_signing_alg_values_supported: ['EdDSA'],
      ...common,
    });
    expect(configurations['git-basics.jwt_vc_json']?.['credential_definition']).not.toHaveProperty(
      '@context',
    );
    expect(configurations['git-basics.ldp_vc']).toMatchObject({
      format: 'ldp_vc',
      credential_definition: {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        type,
      },
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      ...common,
    });
    expect(configurations['git-basics.vc+jwt']).toMatchObject({
      format: 'vc+jwt',
      credential_signing_alg_values_supported: ['EdDSA'],
      ...common,
    });
    expect(configurations['git-basics.ldp_vc']).not.toHaveProperty('display');
  });

  it('serves the logo it names', async () => {
    const response = await issuer.http.get('/issuer/logo.svg').expect(200);
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(response.body)).toContain('SA');
  });
});

describe('GET /.well-known/oauth-authorization-server', () => {
  it('is the issuer itself, with the token endpoint and anonymous pre-authorized access', async () => {
    const { body } = await issuer.http.get('/.well-known/oauth-authorization-server').expect(200);
    expect(body).toMatchObject({
      issuer: 'https://academy.test',
      token_endpoint: 'https://academy.test/oid4vci/token',
      'pre-authorized_grant_anonymous_access_supported': true,
    });
    const server = new Oauth2AuthorizationServer({ callbacks: oid4vciCallbacks() });
    expect(server.createAuthorizationServerMetadata(body)).toEqual(body);
  });
});

describe('GET /oid4vci/offers/:id', () => {
  it('answers 404 for an offer it never made', async () => {
    const response = await issuer.http.get('/oid4vci/offers/no-such-offer').expect(404);
    expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
