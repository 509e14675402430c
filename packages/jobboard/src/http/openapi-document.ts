import type { ErrorCode } from '@skillproof/core';
import { openApiErrorResponses, openApiErrorSchema } from '@skillproof/server/http';
import { z } from 'zod';
import { employerInputSchema } from '../domain/create-employer.js';
import { applicationInputSchema } from '../domain/decide-application.js';
import {
  claimantProofInputSchema,
  taskCancelInputSchema,
  taskClaimInputSchema,
  taskPaymentInputSchema,
  taskPsbtInputSchema,
} from '../domain/paid-task-inputs.js';
import { postingInputSchema } from '../domain/posting-input.js';

type OpenApiObject = Record<string, unknown>;

const errorSchema: OpenApiObject = { $ref: '#/components/schemas/Error' };

// Every route under /api reads its body through the one bounded JSON reader (whatever its
// method), and Express refuses a path it can't decode: these can answer any of them.
const bodyErrors: ErrorCode[] = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'BODY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
];

/** The error responses of a route, from core's one code -> status table. */
function errors(...codes: ErrorCode[]): Record<string, OpenApiObject> {
  const responses = openApiErrorResponses([...new Set([...codes, ...bodyErrors])], errorSchema);
  const unavailable = responses['503'];
  // RFC 9110 §10.2.3: an UPSTREAM_UNAVAILABLE answer says when to try again, as a 429 does.
  if (unavailable) {
    responses['503'] = {
      ...unavailable,
      headers: {
        'Retry-After': { schema: { type: 'integer' }, description: 'seconds to wait' },
      },
    };
  }
  return responses;
}

/** A request body as the route's zod schema reads it (JSON Schema 2020-12, OpenAPI 3.1's own). */
function jsonBodyOf(schema: z.ZodType, description: string): OpenApiObject {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
  return {
    required: true,
    description,
    content: { 'application/json': { schema: jsonSchema } },
  };
}

function json(description: string, schema: OpenApiObject): OpenApiObject {
  return { description, content: { 'application/json': { schema } } };
}

const postingId = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The posting id.',
  schema: { type: 'string' },
};

// OpenID4VP endpoints answer errors in the OAuth shape (RFC 6749 §5.2), which wallets read.
const oauthError: OpenApiObject = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' }, error_description: { type: 'string' } },
};

const openid4vpRequestId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'The OpenID4VP request id',
};

const claimId = {
  name: 'claimId',
  in: 'path',
  required: true,
  description: "The claim's id: its place in the task's ledger.",
  schema: { type: 'string' },
};

const anObject: OpenApiObject = { type: 'object' };

const ref = (name: string): OpenApiObject => ({ $ref: `#/components/schemas/${name}` });

/**
 * The job board's HTTP API as an OpenAPI 3.1 document: every route under `/api` (and this
 * document's own), request bodies from the zod schemas the routes parse with, error responses
 * from core's one code -> status table (`openApiErrorResponses`). Served at `GET /openapi.json`.
 *
 * @example
 * ```ts
 * app.get('/openapi.json', (_req, res) => res.json(openApiDocument('https://jobs.example')));
 * ```
 */
export function openApiDocument(serverUrl: string): OpenApiObject {
  const employer = [{ employerToken: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Skillproof job board',
      version: '0.1.0',
      description:
        'Postings with machine-checkable requirements, presentation requests, and applications decided with a reason per requirement.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          responses: { '200': json('The OpenAPI document', { type: 'object' }) },
        },
      },
      '/healthz': {
        get: {
          operationId: 'getHealth',
          summary: 'Liveness: the process runs',
          responses: {
            '200': json('Alive', { type: 'object', properties: { status: { const: 'ok' } } }),
          },
        },
      },
      '/readyz': {
        get: {
          operationId: 'getReadiness',
          summary: 'Readiness: the database answers and is migrated (send traffic only then)',
          responses: {
            '200': json('Ready', { type: 'object', properties: { status: { const: 'ready' } } }),
            '503': json('Not ready: the database does not answer or is not migrated', errorSchema),
          },
        },
      },
      '/api/employers': {
        post: {
          operationId: 'createEmployer',
          summary: 'Create an employer (admin); its token is shown once',
          security: [{ adminToken: [] }],
          requestBody: jsonBodyOf(employerInputSchema, 'The employer'),
          responses: {
            '201': json('The employer, its bearer token and any one-time password', {
              type: 'object',
              required: ['id', 'name', 'token'],
              properties: {
                id: { type: 'string' },
                name: { type: 'string' },
                token: { type: 'string' },
              },
            }),
            ...errors('UNAUTHORIZED', 'CONFLICT'),
          },
        },
      },
      '/api/postings': {
        get: {
          operationId: 'listPostings',
          summary: 'Every posting, newest first',
          responses: {
            '200': json('The postings', {
              type: 'object',
              required: ['postings'],
              properties: { postings: { type: 'array', items: ref('Posting') } },
            }),
            ...errors(),
          },
        },
        post: {
          operationId: 'createPosting',
          summary: 'Create a posting (employer)',
          security: employer,
          requestBody: jsonBodyOf(postingInputSchema, 'The posting and its requirement clauses'),
          responses: {
            '201': json('The posting with its presentation definition', ref('Posting')),
            ...errors('UNAUTHORIZED'),
          },
        },
      },
      '/api/postings/{id}': {
        get: {
          operationId: 'getPosting',
          summary: 'One posting',
          parameters: [postingId],
          responses: { '200': json('The posting', ref('Posting')), ...errors('NOT_FOUND') },
        },
      },
      '/api/postings/{id}/presentation-request': {
        post: {
          operationId: 'createPresentationRequest',
          summary:
            'A fresh presentation request: single-use nonce, domain, definition and DCQL query',
          parameters: [postingId],
          responses: {
            '201': json('The presentation request', {
              type: 'object',
              required: [
                'nonce',
                'domain',
                'presentation_definition',
                'dcql_query',
                'expiresAt',
                'postingId',
              ],
              properties: {
                nonce: { type: 'string' },
                domain: { type: 'string' },
                presentation_definition: { type: 'object' },
                dcql_query: ref('DcqlQuery'),
                expiresAt: { type: 'string', format: 'date-time' },
                postingId: { type: 'string' },
              },
            }),
            ...errors('NOT_FOUND', 'RATE_LIMITED'),
          },
        },
      },
      '/api/postings/{id}/openid4vp-requests': {
        post: {
          operationId: 'createOpenid4vpRequest',
          summary:
            'A fresh OpenID4VP 1.0 request for any wallet: an openid4vp:// link naming a signed request object (boards with an identity)',
          parameters: [postingId],
          responses: {
            '201': json('The request, by reference', {
              type: 'object',
              required: ['requestId', 'requestUri', 'link', 'expiresAt', 'statusUrl'],
              properties: {
                requestId: { type: 'string' },
                requestUri: { type: 'string', format: 'uri' },
                link: { type: 'string', description: 'openid4vp://?client_id=…&request_uri=…' },
                expiresAt: { type: 'string', format: 'date-time' },
                statusUrl: { type: 'string', format: 'uri' },
              },
            }),
            ...errors('NOT_FOUND', 'RATE_LIMITED'),
          },
        },
      },
      '/oid4vp/requests/{id}': {
        get: {
          operationId: 'getOpenid4vpRequestObject',
          summary:
            'The signed request object (JAR, typ oauth-authz-req+jwt, EdDSA by the board DID)',
          parameters: [openid4vpRequestId],
          responses: {
            '200': {
              description: 'The request object',
              content: { 'application/oauth-authz-req+jwt': { schema: { type: 'string' } } },
            },
            '404': json('Unknown request', oauthError),
            '410': json('Expired or already answered', oauthError),
          },
        },
      },
      '/oid4vp/responses/{id}': {
        post: {
          operationId: 'postOpenid4vpResponse',
          summary: "A wallet's direct_post answer: decided at once, with a reason per requirement",
          parameters: [openid4vpRequestId],
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  required: ['vp_token', 'state'],
                  properties: {
                    vp_token: {
                      type: 'string',
                      description: 'JSON: credential query id -> array of presentations',
                    },
                    state: { type: 'string' },
                  },
                },
              },
            },
          },
          responses: {
            '200': json('The decision', {
              type: 'object',
              required: ['redirect_uri', 'application'],
              properties: {
                redirect_uri: { type: 'string', format: 'uri' },
                application: {
                  type: 'object',
                  required: ['id', 'qualified', 'requirements'],
                  properties: {
                    id: { type: 'string' },
                    qualified: { type: 'boolean' },
                    requirements: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['id', 'met', 'code', 'reason'],
                        properties: {
                          id: { type: 'string' },
                          met: { type: 'boolean' },
                          code: { type: 'string' },
                          reason: { type: 'string' },
                        },
                      },
                    },
                  },
                },
              },
            }),
            '400': json('Refused: wrong state, a presentation that does not verify', oauthError),
            '404': json('Unknown request', oauthError),
            '410': json('Expired or already answered', oauthError),
            '413': json('The body is too large', oauthError),
            '415': json('Not a form post', oauthError),
            '503': json('A status list could not be fetched: nothing decided', oauthError),
          },
        },
      },
      '/api/postings/{id}/applications': {
        post: {
          operationId: 'apply',
          summary: 'Apply with a presentation; decided at once, with a reason per requirement',
          parameters: [postingId],
          requestBody: jsonBodyOf(applicationInputSchema, 'The presentation (a JWT VP)'),
          responses: {
            '201': json('The decision', ref('Application')),
            ...errors('NOT_FOUND', 'PRESENTATION_REJECTED', 'CONFLICT', 'UPSTREAM_UNAVAILABLE'),
          },
        },
        get: {
          operationId: 'listApplications',
          summary: "The posting's applications, one per person (its employer)",
          security: employer,
          parameters: [postingId],
          responses: {
            '200': json('The applications, their credentials re-checked now', {
              type: 'object',
              required: ['applications'],
              properties: { applications: { type: 'array', items: ref('Application') } },
            }),
            ...errors('UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'),
          },
        },
      },
      '/api/postings/{id}/applications/{applicationId}': {
        get: {
          operationId: 'getApplication',
          summary: "An applicant's current application (its employer)",
          security: employer,
          parameters: [
            postingId,
            {
              name: 'applicationId',
              in: 'path',
              required: true,
              description: 'The id of any of their applications to the posting.',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': json('The application, its credentials re-checked now', ref('Application')),
            ...errors('UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'),
          },
        },
      },
      '/api/postings/{id}/claims': {
        post: {
          operationId: 'claimTask',
          summary:
            'Claim a paid task: a qualified application, an address, a DID-auth VP on a board nonce',
          parameters: [postingId],
          requestBody: jsonBodyOf(taskClaimInputSchema, 'The claim and its proof'),
          responses: {
            '201': json('The claim', anObject),
            ...errors(
              'NOT_FOUND',
              'ADDRESS_INVALID',
              'PRESENTATION_REJECTED',
              'FORBIDDEN',
              'CLAIM_DUPLICATE',
              'TASK_ALREADY_ACCEPTED',
              'TASK_ALREADY_PAID',
              'TASK_CANCELLED',
              'CONFLICT',
            ),
          },
        },
        get: {
          operationId: 'listTaskClaims',
          summary: "A paid task's claims (its employer)",
          security: employer,
          parameters: [postingId],
          responses: {
            '200': json('The task and its claims', anObject),
            ...errors('UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'),
          },
        },
      },
      '/api/postings/{id}/claims/{claimId}/accept': {
        post: {
          operationId: 'acceptTaskClaim',
          summary: 'Accept one claim: its BIP-21 payment URI and an SVG QR code (its employer)',
          security: employer,
          parameters: [postingId, claimId],
          responses: {
            '200': json('The claim and the payment request', anObject),
            ...errors(
              'UNAUTHORIZED',
              'FORBIDDEN',
              'NOT_FOUND',
              'CLAIM_NOT_FOUND',
              'TASK_NOT_OPEN',
              'TASK_ALREADY_ACCEPTED',
              'TASK_ALREADY_PAID',
              'TASK_CANCELLED',
              'CONFLICT',
            ),
          },
        },
      },
      '/api/postings/{id}/claims/{claimId}/credential': {
        post: {
          operationId: 'collectTaskCredential',
          summary: "The paid claim's completion credential (jwt_vc_json), for its claimant only",
          parameters: [postingId, claimId],
          requestBody: jsonBodyOf(claimantProofInputSchema, "The claimant's DID-auth VP"),
          responses: {
            '200': json('The signed credential', anObject),
            ...errors(
              'NOT_FOUND',
              'CLAIM_NOT_FOUND',
              'PRESENTATION_REJECTED',
              'FORBIDDEN',
              'TASK_NOT_PAID',
              'TASK_CANCELLED',
            ),
          },
        },
      },
      '/api/postings/{id}/psbt': {
        post: {
          operationId: 'taskPaymentPsbt',
          summary:
            'An unsigned PSBT paying the accepted claim from the listed coins (its employer)',
          security: employer,
          parameters: [postingId],
          requestBody: jsonBodyOf(taskPsbtInputSchema, 'Coins, fee rate, change address'),
          responses: {
            '200': json('The PSBT (base64) and its amounts', anObject),
            ...errors(
              'UNAUTHORIZED',
              'FORBIDDEN',
              'NOT_FOUND',
              'ADDRESS_INVALID',
              'AMOUNT_INVALID',
              'TASK_NOT_ACCEPTED',
              'TASK_ALREADY_PAID',
              'TASK_CANCELLED',
            ),
          },
        },
      },
      '/api/postings/{id}/payment': {
        post: {
          operationId: 'recordTaskPayment',
          summary: 'Record the transaction that paid the accepted claim (its employer)',
          security: employer,
          parameters: [postingId],
          requestBody: jsonBodyOf(taskPaymentInputSchema, 'The transaction id'),
          responses: {
            '200': json('The task and the paid entry', anObject),
            ...errors(
              'UNAUTHORIZED',
              'FORBIDDEN',
              'NOT_FOUND',
              'TASK_NOT_ACCEPTED',
              'TASK_ALREADY_PAID',
              'TASK_CANCELLED',
              'CONFLICT',
            ),
          },
        },
      },
      '/api/postings/{id}/cancel': {
        post: {
          operationId: 'cancelTask',
          summary: 'Withdraw a paid task before it is paid (its employer)',
          security: employer,
          parameters: [postingId],
          requestBody: jsonBodyOf(taskCancelInputSchema, 'Why'),
          responses: {
            '200': json('The task and the cancelled entry', anObject),
            ...errors(
              'UNAUTHORIZED',
              'FORBIDDEN',
              'NOT_FOUND',
              'TASK_ALREADY_PAID',
              'TASK_CANCELLED',
              'CONFLICT',
            ),
          },
        },
      },
      '/api/postings/{id}/ledger': {
        get: {
          operationId: 'taskLedger',
          summary: "A paid task's ledger entries, JSON or ?format=csv (its employer)",
          security: employer,
          parameters: [
            postingId,
            { name: 'format', in: 'query', required: false, schema: { enum: ['json', 'csv'] } },
          ],
          responses: {
            '200': {
              description: 'The entries',
              content: {
                'application/json': { schema: anObject },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            ...errors('UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: "The board's admin token" },
        employerToken: { type: 'http', scheme: 'bearer', description: "An employer's token" },
      },
      schemas: {
        Error: openApiErrorSchema,
        Posting: {
          type: 'object',
          required: ['id', 'title', 'requirements', 'presentation_definition', 'dcql_query'],
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            employerId: { type: 'string' },
            requirements: { type: 'array', items: { type: 'object' } },
            labels: { type: 'object' },
            presentation_definition: { type: 'object' },
            dcql_query: ref('DcqlQuery'),
            requireTransparency: {
              type: 'boolean',
              description:
                "A credential counts only with its issuer's transparency-log proof (absent: not required)",
            },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
        DcqlQuery: {
          type: 'object',
          description:
            'The requirements as an OpenID4VP 1.0 DCQL query (§6): per requirement a credential query per format (jwt_vc_json, ldp_vc) and a credential set of which answer it',
          required: ['credentials'],
          properties: {
            credentials: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'format', 'meta'],
                properties: {
                  id: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
                  format: { type: 'string', enum: ['jwt_vc_json', 'ldp_vc'] },
                  meta: { type: 'object' },
                  claims: { type: 'array', items: { type: 'object' } },
                },
              },
            },
            credential_sets: {
              type: 'array',
              items: {
                type: 'object',
                required: ['options'],
                properties: {
                  options: {
                    type: 'array',
                    items: { type: 'array', items: { type: 'string' } },
                  },
                  required: { type: 'boolean' },
                  purpose: { type: 'string' },
                },
              },
            },
          },
        },
        Application: {
          type: 'object',
          required: ['id', 'postingId', 'holder', 'qualified', 'requirements'],
          properties: {
            id: { type: 'string' },
            postingId: { type: 'string' },
            holder: { type: 'string' },
            qualified: { type: 'boolean' },
            requirements: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'met', 'code', 'reason'],
                properties: {
                  id: { type: 'string' },
                  met: { type: 'boolean' },
                  code: { type: 'string' },
                  reason: { type: 'string' },
                },
              },
            },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  };
}
