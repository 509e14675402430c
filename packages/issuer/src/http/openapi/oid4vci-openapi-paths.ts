import type { ErrorCode } from '@skillproof/core';
import {
  openApiJsonSchema,
  openApiRequestBody,
  requestBodyErrorCodes,
} from '@skillproof/server/http';
import { z } from 'zod';
import { offerRequest } from '../routes/attempt-routes.js';

/** A JSON Schema or an OpenAPI object. */
type Schema = Record<string, unknown>;

const string = { type: 'string' };
const json = (schema: Schema) => ({ 'application/json': { schema } });

/** The token request (RFC 6749 §4.1.3 with the pre-authorized code grant of OpenID4VCI 1.0 §6.1). */
const tokenRequestSchema = z.object({
  grant_type: z.literal('urn:ietf:params:oauth:grant-type:pre-authorized_code'),
  'pre-authorized_code': z.string(),
  tx_code: z.string().optional(),
});

/** The credential request (OpenID4VCI 1.0 §8.2; draft 15's `proof` is read too). */
const credentialRequestSchema = z.object({
  credential_configuration_id: z.string().meta({ description: '<badgeId>.<format>' }),
  proofs: z.object({ jwt: z.array(z.string()).length(1) }).optional(),
  proof: z
    .object({ proof_type: z.literal('jwt'), jwt: z.string() })
    .optional()
    .meta({ description: 'draft 15' }),
});

/** OAuth error responses (`{error, error_description}`), one per status; a 429 has `Retry-After`. */
function oauthErrors(byStatus: Record<number, string[]>): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries(byStatus).map(([status, codes]) => [
      status,
      {
        description: `OAuth error: ${codes.join(', ')}`,
        ...(status === '429'
          ? {
              headers: {
                'Retry-After': { schema: { type: 'integer' }, description: 'seconds to wait' },
              },
            }
          : {}),
        content: json({
          type: 'object',
          required: ['error'],
          properties: { error: { enum: codes }, error_description: string },
        }),
      },
    ]),
  );
}

/**
 * The OpenAPI paths of the OpenID4VCI issuer (pre-authorized code flow) and of the offer a
 * learner asks for. `errors` builds the house error responses from core's one table.
 */
export function oid4vciOpenApiPaths(
  errors: (...codes: ErrorCode[]) => Record<string, Schema>,
  session: Schema[],
): Record<string, Schema> {
  const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
  return {
    '/.well-known/openid-credential-issuer': {
      get: {
        summary:
          'OpenID4VCI 1.0 credential issuer metadata: one configuration per badge and format',
        responses: { 200: ok('Credential issuer metadata (§12.2)', { type: 'object' }) },
      },
    },
    '/.well-known/oauth-authorization-server': {
      get: {
        summary: 'RFC 8414 metadata of the issuer as its own authorization server',
        responses: { 200: ok('Authorization server metadata', { type: 'object' }) },
      },
    },
    '/issuer/logo.svg': {
      get: {
        summary: 'The issuer’s logo, as its OpenID4VCI metadata displays it',
        responses: {
          200: { description: 'SVG', content: { 'image/svg+xml': { schema: string } } },
        },
      },
    },
    '/oid4vci/offers/{id}': {
      get: {
        summary: 'A credential offer by reference (credential_offer_uri), while its code is unused',
        parameters: [{ name: 'id', in: 'path', required: true, schema: string }],
        responses: {
          200: ok('The credential offer object (§4.1.1)', { type: 'object' }),
          ...errors('NOT_FOUND'),
        },
      },
    },
    '/oid4vci/token': {
      post: {
        summary:
          'Token endpoint: a pre-authorized code (and tx code) for a single-use access token',
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': { schema: openApiJsonSchema(tokenRequestSchema) },
          },
        },
        responses: {
          200: ok('The access token (RFC 6749 §5.1)', {
            type: 'object',
            required: ['access_token', 'token_type', 'expires_in'],
            properties: {
              access_token: string,
              token_type: { const: 'Bearer' },
              expires_in: { type: 'integer' },
            },
          }),
          ...oauthErrors({
            400: ['invalid_request', 'invalid_grant', 'unsupported_grant_type'],
            413: ['invalid_request'],
            415: ['invalid_request'],
            429: ['invalid_request'],
          }),
        },
      },
    },
    '/oid4vci/nonce': {
      post: {
        summary:
          'Nonce endpoint: a c_nonce for a key proof, single use, 5 minutes (rate-limited per address)',
        responses: {
          200: ok('The nonce (§7.2)', {
            type: 'object',
            required: ['c_nonce'],
            properties: { c_nonce: string },
          }),
          ...oauthErrors({ 429: ['invalid_request'] }),
        },
      },
    },
    '/oid4vci/credential': {
      post: {
        summary:
          'Credential endpoint: the offered badge, in the configuration’s format, to the proven key',
        security: [{ oid4vciAccessToken: [] }],
        requestBody: openApiRequestBody(credentialRequestSchema),
        responses: {
          200: ok('The credential (§8.3)', {
            type: 'object',
            required: ['credentials'],
            properties: {
              credentials: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { credential: { type: ['string', 'object'] } },
                },
              },
            },
          }),
          ...oauthErrors({
            400: [
              'invalid_request',
              'invalid_credential_request',
              'unknown_credential_configuration',
              'unknown_credential_identifier',
              'invalid_proof',
              'invalid_nonce',
              'credential_request_denied',
            ],
            401: ['invalid_token'],
            413: ['invalid_request'],
            415: ['invalid_request'],
            429: ['invalid_request'],
          }),
        },
      },
    },
    '/attempts/{id}/offer': {
      post: {
        summary: 'An OpenID4VCI credential offer for the learner’s passed attempt, with a tx code',
        security: session,
        parameters: [{ name: 'id', in: 'path', required: true, schema: string }],
        requestBody: { ...openApiRequestBody(offerRequest), required: false },
        responses: {
          201: ok('The offer: scan offerUri, type txCode', {
            type: 'object',
            properties: {
              offerId: string,
              offerUri: string,
              credentialOfferUri: string,
              txCode: { type: ['string', 'null'] },
              expiresAt: string,
            },
          }),
          ...errors(
            ...requestBodyErrorCodes,
            'UNAUTHORIZED',
            'FORBIDDEN',
            'NOT_FOUND',
            'CONFLICT',
            'RATE_LIMITED',
          ),
        },
      },
    },
  };
}
