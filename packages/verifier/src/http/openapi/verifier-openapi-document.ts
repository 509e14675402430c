import {
  openApiErrorResponses,
  openApiErrorSchema,
  openApiRequestBody,
  requestBodyErrorCodes,
} from '@skillproof/server/http';
import { checkCodes } from '../../check-codes.js';
import { credentialBody, presentationBody } from '../routes/verification-routes.js';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) or an OpenAPI object. */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const string = { type: 'string' };

/**
 * VC-API: a credential or presentation that fails verification is a 400 that still says why,
 * check by check; a body the service can't read is a 400 with an error code.
 */
function responses(result: Schema): Record<string, Schema> {
  const errors = openApiErrorResponses(requestBodyErrorCodes, ref('Error'));
  const unreadable = errors['400'] as { content: { 'application/json': { schema: Schema } } };
  return {
    200: { description: 'Verified', content: { 'application/json': { schema: result } } },
    ...errors,
    400: {
      description: `Not verified (the result's errors say why), or the body could not be read (${String(errors['400']?.['description'])})`,
      content: {
        'application/json': {
          schema: { oneOf: [result, unreadable.content['application/json'].schema] },
        },
      },
    },
  };
}

const check = {
  type: 'object',
  required: ['id', 'ok'],
  properties: { id: string, ok: { type: 'boolean' }, code: { enum: checkCodes }, message: string },
};

const schemas: Record<string, Schema> = {
  Error: openApiErrorSchema,
  Check: check,
  CredentialVerification: {
    type: 'object',
    required: ['verified', 'checks', 'warnings', 'errors'],
    properties: {
      verified: { type: 'boolean' },
      checks: { type: 'array', items: ref('Check') },
      warnings: { type: 'array', items: string },
      errors: { type: 'array', items: ref('Check'), description: 'the failed checks' },
    },
  },
  PresentationVerification: {
    type: 'object',
    required: ['verified', 'checks', 'warnings', 'errors', 'credentialResults'],
    properties: {
      verified: { type: 'boolean' },
      checks: { type: 'array', items: ref('Check') },
      warnings: { type: 'array', items: string },
      errors: { type: 'array', items: ref('Check'), description: 'the failed checks' },
      holder: {
        ...string,
        description: 'the presentation’s signer, once its signature checked out',
      },
      credentialResults: { type: 'array', items: ref('CredentialVerification') },
    },
  },
};

/**
 * The OpenAPI 3.1 description of the VC-API verifier service, served at `GET /openapi.json`.
 * Request bodies are generated from the routes' zod schemas (`z.toJSONSchema`); error responses
 * from core's one table from error code to HTTP status.
 *
 * @example
 * ```ts
 * Object.keys(verifierOpenApiDocument().paths); // ['/credentials/verify', …]
 * ```
 */
export function verifierOpenApiDocument(): {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
} {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Skillproof verifier',
      version: '0.1.0',
      description:
        'W3C VC-API verification of Skillproof credentials and presentations (JWT VCs and VPs): signature, validity period, issuer trust and Bitstring Status List, reported check by check.',
    },
    paths: {
      '/credentials/verify': {
        post: {
          summary: 'VC-API verify credential',
          requestBody: openApiRequestBody(credentialBody),
          responses: responses(ref('CredentialVerification')),
        },
      },
      '/presentations/verify': {
        post: {
          summary:
            'VC-API verify presentation: the presentation (challenge, domain, holder) and every credential in it',
          requestBody: openApiRequestBody(presentationBody),
          responses: responses(ref('PresentationVerification')),
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          responses: {
            200: {
              description: 'OpenAPI 3.1',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
    components: { schemas },
  };
}
