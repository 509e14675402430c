import { issuedFormats, type ErrorCode } from '@skillproof/core';
import {
  openApiErrorResponses,
  openApiErrorSchema,
  openApiJsonSchema,
  openApiRequestBody,
  requestBodyErrorCodes,
} from '@skillproof/server/http';
import { passRuleSchema } from '../../catalog/pass-rule.js';
import { answersRequest, attemptRequest } from '../routes/attempt-routes.js';
import { challengeRequest, tokenRequest } from '../routes/auth-routes.js';
import { issueRequest, updateStatusRequest } from '../routes/credential-routes.js';
import { oid4vciOpenApiPaths } from './oid4vci-openapi-paths.js';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses). */
type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const string = { type: 'string' };
const nullableString = { type: ['string', 'null'] };
const integer = { type: 'integer' };

/** The error responses of a route, from the codes it can answer and core's one status table. */
function errors(...codes: ErrorCode[]): Record<string, Schema> {
  return openApiErrorResponses(codes, ref('Error'));
}

const binary = { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } };
const base64List = { type: 'array', items: string };

/** The transparency log's resources (issue 17), all public. */
function transparencyLogPaths(): Record<string, Schema> {
  const treeSize = (name: string, description: string) => ({
    name,
    in: 'query',
    required: false,
    schema: integer,
    description,
  });
  const receipt: Schema = {
    type: 'object',
    properties: {
      leafIndex: integer,
      leafHash: string,
      checkpoint: nullableString,
      inclusionProof: { type: ['array', 'null'], items: string },
      url: string,
      entry: { type: 'object', description: 'The entry, decoded (its encodeLogEntry is the leaf)' },
      status: {
        type: ['object', 'null'],
        description:
          'The credential’s latest status entry in the same signed tree, with its inclusion proof to the same checkpoint; null when its status never changed',
        properties: {
          leafIndex: integer,
          leafHash: string,
          entry: { type: 'object' },
          inclusionProof: { type: 'array', items: string },
        },
      },
    },
  };
  return {
    '/log/checkpoint': {
      get: {
        summary: 'The latest checkpoint: a C2SP tlog-checkpoint signed note by the issuer’s key',
        responses: {
          200: { description: 'The signed note', content: { 'text/plain': { schema: string } } },
          ...errors('NOT_FOUND'),
        },
      },
    },
    '/log/tile/{tilePath}': {
      get: {
        summary:
          'A C2SP tlog-tiles tile (<L>/<N>[.p/<W>]) or entry bundle (entries/<N>[.p/<W>]) of the tree at the latest checkpoint; immutable',
        parameters: [pathId('tilePath', 'e.g. 0/x001/234.p/17 or entries/000')],
        responses: {
          200: { description: 'Hashes or entries', content: binary },
          ...errors('VALIDATION_FAILED', 'NOT_FOUND'),
        },
      },
    },
    '/log/proof/inclusion': {
      get: {
        summary: 'An RFC 9162 inclusion proof of a leaf, by its hash (hex or base64) or index',
        parameters: [
          { name: 'hash', in: 'query', required: false, schema: string },
          treeSize('index', 'the leaf index (instead of hash)'),
          treeSize('size', 'the tree size, default the latest checkpoint’s'),
        ],
        responses: {
          200: ok('The proof (base64 hashes)', {
            type: 'object',
            properties: {
              leafIndex: integer,
              leafHash: string,
              treeSize: integer,
              inclusionProof: base64List,
            },
          }),
          ...errors('VALIDATION_FAILED', 'NOT_FOUND'),
        },
      },
    },
    '/log/proof/consistency': {
      get: {
        summary: 'An RFC 9162 consistency proof between two tree sizes',
        parameters: [
          treeSize('from', 'the older tree size, at least 1'),
          treeSize('to', 'the newer tree size, default the latest checkpoint’s'),
        ],
        responses: {
          200: ok('The proof (base64 hashes)', {
            type: 'object',
            properties: { fromSize: integer, toSize: integer, consistencyProof: base64List },
          }),
          ...errors('VALIDATION_FAILED', 'NOT_FOUND'),
        },
      },
    },
    '/log/entries/{leafIndex}': {
      get: {
        summary: 'One log entry, decoded, with its receipt',
        parameters: [pathId('leafIndex', 'the leaf index')],
        responses: {
          200: ok('The entry', {
            type: 'object',
            properties: {
              leafIndex: integer,
              leafHash: string,
              entry: { type: 'object' },
              receipt,
            },
          }),
          ...errors('VALIDATION_FAILED', 'NOT_FOUND'),
        },
      },
    },
    '/log/receipts/{credentialId}': {
      get: {
        summary: 'A credential’s transparency receipt; 202 until a checkpoint covers its entry',
        parameters: [pathId('credentialId', 'the credential id, e.g. urn:uuid:…')],
        responses: {
          200: ok('The receipt', receipt),
          202: ok('Logged, not yet in a checkpoint: retry after Retry-After', receipt),
          ...errors('NOT_FOUND'),
        },
      },
    },
  };
}

const pathId = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: string,
});

const schemas: Record<string, Schema> = {
  Error: openApiErrorSchema,
  Profile: {
    type: 'object',
    description: 'Open Badges 3.0 Profile of the issuer; `id` is its DID',
    required: ['id', 'type', 'name', 'url'],
    properties: { id: string, type: { const: 'Profile' }, name: string, url: string },
  },
  PublicTask: {
    oneOf: [
      {
        type: 'object',
        required: ['id', 'kind', 'prompt', 'choices'],
        properties: {
          id: string,
          kind: { const: 'quiz' },
          prompt: string,
          choices: {
            type: 'array',
            items: { type: 'object', properties: { id: string, text: string } },
          },
        },
      },
      {
        type: 'object',
        required: ['id', 'kind', 'prompt', 'answerFormat'],
        properties: {
          id: string,
          kind: { const: 'puzzle' },
          prompt: string,
          answerFormat: string,
          input: { ...string, description: 'this learner’s input; only inside an attempt' },
        },
      },
      {
        type: 'object',
        required: ['id', 'kind', 'prompt'],
        properties: {
          id: string,
          kind: { const: 'short-answer' },
          prompt: string,
          answerFormat: string,
        },
      },
    ],
  },
  PublicBadge: {
    type: 'object',
    description: 'A badge on offer, without its answer key',
    required: ['id', 'achievementId', 'name', 'description', 'criteria', 'formats', 'tasks'],
    properties: {
      id: string,
      achievementId: string,
      name: string,
      description: string,
      criteria: { type: 'object', properties: { narrative: string } },
      image: string,
      alignment: { type: 'array', items: { type: 'object' } },
      passRule: openApiJsonSchema(passRuleSchema),
      maxAttempts: integer,
      cooldownSeconds: integer,
      validityDays: { type: ['integer', 'null'] },
      renewal: {
        description:
          'how a badge that lapses is renewed: in the last `windowDays` of its validity a holder may pass `items` of its graded tasks (POST /attempts with `renewal: true`); null for a badge that never lapses',
        oneOf: [
          {
            type: 'object',
            required: ['windowDays', 'items'],
            properties: { windowDays: integer, items: integer },
          },
          { type: 'null' },
        ],
      },
      formats: {
        type: 'array',
        description:
          'the formats a pass can be awarded in (the `format` of POST /attempts/{id}/answers)',
        minItems: 1,
        items: { enum: [...issuedFormats] },
      },
      tasks: { type: 'array', items: ref('PublicTask') },
    },
  },
  PracticeItem: {
    description:
      'An ungraded practice item, with its answer: the wallet checks practice offline; graded tasks never carry theirs',
    oneOf: [
      {
        type: 'object',
        required: ['id', 'kind', 'prompt', 'choices', 'answer'],
        properties: {
          id: string,
          kind: { const: 'quiz' },
          prompt: string,
          choices: {
            type: 'array',
            items: { type: 'object', properties: { id: string, text: string } },
          },
          answer: { ...string, description: 'the id of the right choice' },
          explanation: string,
        },
      },
      {
        type: 'object',
        required: ['id', 'kind', 'prompt', 'acceptedAnswers'],
        properties: {
          id: string,
          kind: { const: 'short-answer' },
          prompt: string,
          answerFormat: string,
          acceptedAnswers: {
            type: 'array',
            description: 'compared after NFKC, trimming, collapsing whitespace and lower-casing',
            items: string,
          },
          explanation: string,
        },
      },
    ],
  },
  PracticeDeck: {
    type: 'object',
    required: ['badge', 'achievementId', 'name', 'items'],
    properties: {
      badge: { ...string, description: 'the badge id (slug)' },
      achievementId: string,
      name: string,
      items: { type: 'array', items: ref('PracticeItem') },
    },
  },
  Achievement: {
    type: 'object',
    description: 'Open Badges 3.0 Achievement',
    required: ['id', 'type', 'name'],
    properties: { id: string, type: {}, achievementType: string, name: string },
  },
  Skill: {
    type: 'object',
    required: ['id', 'name', 'description'],
    properties: {
      id: { ...string, description: 'the skill’s URL' },
      name: string,
      description: string,
      creator: ref('Profile'),
      achievements: { type: 'array', items: string },
    },
  },
  VerifiableCredential: {
    type: 'object',
    description:
      'A JWT credential in Veramo’s normalized form: the W3C JSON (VCDM 1.1) and `proof: {type: "JwtProof2020", jwt}`. Only the JWT is signed.',
    required: ['@context', 'type', 'issuer', 'credentialSubject', 'proof'],
    properties: {
      '@context': { type: 'array', items: string },
      id: string,
      type: { type: 'array', items: string },
      issuer: {},
      issuanceDate: string,
      expirationDate: string,
      credentialSubject: { type: 'object' },
      credentialStatus: { type: 'array', items: ref('BitstringStatusListEntry') },
      proof: {
        type: 'object',
        required: ['type', 'jwt'],
        properties: { type: { const: 'JwtProof2020' }, jwt: string },
      },
    },
  },
  DataIntegrityCredential: {
    type: 'object',
    description:
      'A VCDM 2.0 credential with its Data Integrity proof (`ldp_vc`, eddsa-rdfc-2022). An Open Badge carries one status entry, for revocation.',
    required: ['@context', 'type', 'issuer', 'credentialSubject', 'proof'],
    properties: {
      '@context': { type: 'array', items: string },
      id: string,
      type: { type: 'array', items: string },
      issuer: {},
      validFrom: string,
      validUntil: string,
      credentialSubject: { type: 'object' },
      credentialStatus: {
        oneOf: [
          ref('BitstringStatusListEntry'),
          { type: 'array', items: ref('BitstringStatusListEntry') },
        ],
      },
      proof: {
        type: 'object',
        required: ['type', 'cryptosuite', 'proofValue'],
        properties: {
          type: { const: 'DataIntegrityProof' },
          cryptosuite: { const: 'eddsa-rdfc-2022' },
          proofValue: string,
        },
      },
    },
  },
  EnvelopedVerifiableCredential: {
    type: 'object',
    description:
      'A VC-JOSE credential (`vc+jwt`) in JSON (VCDM 2.0 §4.13): `id` is `data:application/vc+jwt,<compact JWS>`, whose payload is the credential.',
    required: ['@context', 'id', 'type'],
    properties: {
      '@context': { type: 'array', items: string },
      id: { ...string, pattern: '^data:application/vc\\+jwt,' },
      type: { const: 'EnvelopedVerifiableCredential' },
    },
  },
  BitstringStatusListEntry: {
    type: 'object',
    required: ['type', 'statusPurpose', 'statusListIndex', 'statusListCredential'],
    properties: {
      id: string,
      type: { const: 'BitstringStatusListEntry' },
      statusPurpose: { enum: ['revocation', 'suspension'] },
      statusListIndex: { ...string, pattern: '^[0-9]+$' },
      statusListCredential: string,
    },
  },
  CredentialStatus: {
    type: 'object',
    required: ['credentialId', 'revoked', 'suspended'],
    properties: {
      credentialId: string,
      revoked: { type: ['boolean', 'null'] },
      suspended: { type: ['boolean', 'null'] },
    },
  },
};

/**
 * The OpenAPI 3.1 description of every endpoint of the issuer, served at `GET /openapi.json`.
 * Request bodies are generated from the routes' zod schemas (`z.toJSONSchema`).
 *
 * @example
 * ```ts
 * const document = issuerOpenApiDocument('https://academy.example');
 * Object.keys(document.paths); // ['/issuer', '/catalog', …]
 * ```
 */
export function issuerOpenApiDocument(
  baseUrl: string,
  /** Where a did:web issuer serves its DID document; absent for a did:key issuer. */
  didDocumentPath?: string,
): {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
} {
  const session = [{ learnerSession: [] }];
  const admin = [{ adminToken: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Skillproof issuer',
      version: '0.1.0',
      description:
        'Badge catalogue and micro-tests, learner DID-auth, Open Badges 3.0 credentials as JWT VCs (VCDM 1.1), Data Integrity or VC-JOSE (VCDM 2.0), Bitstring Status Lists, and the W3C VC-API issue and status endpoints.',
    },
    servers: [{ url: baseUrl }],
    paths: {
      ...(didDocumentPath === undefined
        ? {}
        : {
            [didDocumentPath]: {
              get: {
                summary: 'The issuer’s did:web DID document (every key, newest last)',
                responses: {
                  200: {
                    description: 'The DID document',
                    content: { 'application/did+json': { schema: { type: 'object' } } },
                  },
                },
              },
            },
          }),
      '/issuer': {
        get: {
          summary: 'The issuer’s Open Badges profile',
          responses: { 200: ok('The profile', ref('Profile')) },
        },
      },
      '/catalog': {
        get: {
          summary: 'The badges on offer and their tasks, never the answers',
          responses: {
            200: ok('The catalogue', {
              type: 'object',
              properties: {
                issuer: ref('Profile'),
                badges: { type: 'array', items: ref('PublicBadge') },
              },
            }),
          },
        },
      },
      '/catalog/{id}/practice': {
        get: {
          summary:
            'A badge’s practice items for spaced-repetition review, with their answers (ungraded, checked offline by the wallet)',
          parameters: [pathId('id', 'the badge id (slug)')],
          responses: {
            200: ok('The practice items', ref('PracticeDeck')),
            ...errors('NOT_FOUND'),
          },
        },
      },
      '/achievements/{id}': {
        get: {
          summary: 'A badge’s Open Badges 3.0 Achievement, where its id points',
          parameters: [pathId('id', 'the badge id (slug)')],
          responses: { 200: ok('The achievement', ref('Achievement')), ...errors('NOT_FOUND') },
        },
      },
      '/badges/{id}/image.svg': {
        get: {
          summary: 'A badge’s image',
          parameters: [pathId('id', 'the badge id (slug)')],
          responses: {
            200: { description: 'The SVG', content: { 'image/svg+xml': { schema: string } } },
            ...errors('NOT_FOUND'),
          },
        },
      },
      '/skills': {
        get: {
          summary: 'The skills the issuer defines and its badges align to',
          responses: {
            200: ok('The skills', {
              type: 'object',
              properties: { skills: { type: 'array', items: ref('Skill') } },
            }),
          },
        },
      },
      '/skills/{id}': {
        get: {
          summary: 'One skill, at the URL badges align to',
          parameters: [pathId('id', 'the skill id')],
          responses: { 200: ok('The skill', ref('Skill')), ...errors('NOT_FOUND') },
        },
      },
      '/auth/challenge': {
        post: {
          summary: 'DID-auth step 1: a single-use challenge for a did:key',
          requestBody: openApiRequestBody(challengeRequest),
          responses: {
            201: ok('The challenge', {
              type: 'object',
              required: ['challenge', 'domain', 'expiresAt'],
              properties: { challenge: string, domain: string, expiresAt: string },
            }),
            ...errors(...requestBodyErrorCodes, 'DID_UNSUPPORTED', 'RATE_LIMITED'),
          },
        },
      },
      '/auth/token': {
        post: {
          summary:
            'DID-auth step 2: a JWT VP signing the challenge (nonce) for this issuer (aud) opens a session',
          requestBody: openApiRequestBody(tokenRequest),
          responses: {
            201: ok('The session', {
              type: 'object',
              required: ['token', 'did', 'expiresAt'],
              properties: { token: string, did: string, expiresAt: string },
            }),
            ...errors(
              ...requestBodyErrorCodes,
              'UNAUTHORIZED',
              'CHALLENGE_INVALID',
              'RATE_LIMITED',
            ),
          },
        },
      },
      '/attempts': {
        post: {
          summary: 'Starts an attempt at a badge’s micro-test',
          description:
            'Inside a held badge’s renewal window (its catalogue `renewal`) the attempt is the badge’s renewal test: `renewal.items` of its graded tasks, and a pass issues a renewed badge (new validFrom/validUntil, an `evidence` entry naming the earlier badge, which stays valid until its end). `renewal: true` asks for it and is refused (409) with RENEWAL_NOT_HELD, RENEWAL_NOT_DUE, RENEWAL_LAPSED or RENEWAL_UNAVAILABLE otherwise.',
          security: session,
          requestBody: openApiRequestBody(attemptRequest),
          responses: {
            201: ok(
              'The attempt and its tasks (quiz choices shuffled, puzzle inputs per learner)',
              {
                type: 'object',
                properties: {
                  attemptId: string,
                  badge: string,
                  tasks: { type: 'array', items: ref('PublicTask') },
                  expiresAt: string,
                  attemptNumber: integer,
                  attemptsLeft: integer,
                  renewal: {
                    type: 'object',
                    description: 'set for a renewal test: the badge a pass renews, and its end',
                    properties: { renews: string, lapsesAt: string },
                  },
                },
              },
            ),
            ...errors(
              ...requestBodyErrorCodes,
              'UNAUTHORIZED',
              'NOT_FOUND',
              'CONFLICT',
              'RENEWAL_NOT_HELD',
              'RENEWAL_NOT_DUE',
              'RENEWAL_LAPSED',
              'RENEWAL_UNAVAILABLE',
              'RATE_LIMITED',
            ),
          },
        },
      },
      '/attempts/{id}/answers': {
        post: {
          summary: 'Grades an attempt once; a pass returns the badge credential',
          description:
            'A pass returns the badge the learner holds (in the format it was issued in), or a new one in `format` (default jwt_vc_json; one of the badge’s `formats`, else 400 before grading) when they hold none, or it expired or was revoked. While the badge is suspended a pass is recorded but answered 409, naming the suspended credential.',
          security: session,
          parameters: [pathId('id', 'the attempt id')],
          requestBody: openApiRequestBody(answersRequest),
          responses: {
            200: ok('The grade', {
              type: 'object',
              properties: {
                attemptId: string,
                badge: string,
                passed: { type: 'boolean' },
                score: integer,
                correct: integer,
                total: integer,
                attemptsLeft: integer,
                nextAttemptAt: nullableString,
                verifiableCredential: {
                  description: 'on a pass: the badge, signed, in `format`',
                  oneOf: [
                    ref('VerifiableCredential'),
                    ref('DataIntegrityCredential'),
                    ref('EnvelopedVerifiableCredential'),
                  ],
                },
                format: {
                  enum: [...issuedFormats],
                  description: 'on a pass: the format of `verifiableCredential`',
                },
                award: {
                  enum: ['issued', 'kept'],
                  description:
                    'on a pass: `issued` now in the format asked, or `kept`: the badge the learner held already, in the format it was issued in',
                },
                renewed: {
                  type: 'string',
                  description:
                    'on a renewal test’s pass: the id of the earlier badge the new one renews (it stays valid until its end)',
                },
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
      '/learners/me/progress': {
        get: {
          summary: 'The signed-in learner’s progress on every badge',
          security: session,
          responses: {
            200: ok('Progress per badge', {
              type: 'object',
              properties: {
                learner: string,
                badges: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      badge: string,
                      name: string,
                      earned: { type: 'boolean' },
                      credentialId: nullableString,
                      attempts: integer,
                      maxAttempts: integer,
                      attemptsLeft: integer,
                      bestScore: { type: ['integer', 'null'] },
                      nextAttemptAt: nullableString,
                    },
                  },
                },
              },
            }),
            ...errors('UNAUTHORIZED'),
          },
        },
      },
      '/credentials/issue': {
        post: {
          summary:
            'VC-API issue: signs a credential of this issuer (jwt_vc_json, ldp_vc or vc+jwt), with revocation and suspension entries (an Open Badge on VCDM 2.0: one revocation entry)',
          security: admin,
          requestBody: openApiRequestBody(issueRequest),
          responses: {
            201: ok('The signed credential, stored', {
              type: 'object',
              required: ['verifiableCredential'],
              properties: {
                verifiableCredential: {
                  oneOf: [
                    ref('VerifiableCredential'),
                    ref('DataIntegrityCredential'),
                    ref('EnvelopedVerifiableCredential'),
                  ],
                },
              },
            }),
            ...errors(...requestBodyErrorCodes, 'UNAUTHORIZED', 'CONFLICT'),
          },
        },
      },
      '/credentials/status': {
        post: {
          summary:
            'VC-API update status: revokes (for good), suspends or reinstates an issued credential (409 for a purpose it has no entry for: an Open Badge on VCDM 2.0 can only be revoked)',
          security: admin,
          requestBody: openApiRequestBody(updateStatusRequest),
          responses: {
            200: ok('The credential’s status after the change', ref('CredentialStatus')),
            ...errors(...requestBodyErrorCodes, 'UNAUTHORIZED', 'NOT_FOUND', 'CONFLICT'),
          },
        },
      },
      '/status/{listId}': {
        get: {
          summary:
            'A signed BitstringStatusListCredential (W3C Bitstring Status List v1.0); its id is this URL',
          parameters: [pathId('listId', 'e.g. revocation-1')],
          responses: {
            200: {
              description: 'The list; cacheable for 60 s, revalidated by ETag',
              headers: { ETag: { schema: string }, 'Cache-Control': { schema: string } },
              content: {
                'application/json': { schema: ref('VerifiableCredential') },
                'application/vc+jwt': { schema: string },
              },
            },
            304: { description: 'Not modified (If-None-Match)' },
            ...errors('NOT_FOUND'),
          },
        },
      },
      ...transparencyLogPaths(),
      ...oid4vciOpenApiPaths(errors, session),
      '/openapi.json': {
        get: {
          summary: 'This document',
          responses: { 200: ok('OpenAPI 3.1', { type: 'object' }) },
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness: the process runs',
          responses: {
            200: ok('Alive', { type: 'object', properties: { status: { const: 'ok' } } }),
          },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness: the database answers and is migrated (send traffic only then)',
          responses: {
            200: ok('Ready', { type: 'object', properties: { status: { const: 'ready' } } }),
            ...errors('SERVICE_UNAVAILABLE'),
          },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: {
        learnerSession: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token from POST /auth/token',
        },
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The issuer’s admin token (ISSUER_ADMIN_TOKEN)',
        },
        oid4vciAccessToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An access token from POST /oid4vci/token (single use)',
        },
      },
    },
  };
}
