import type { ErrorCode } from '@skillproof/core';
import { z } from 'zod';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) or an OpenAPI object. */
type OpenApiObject = Record<string, unknown>;

/**
 * What the one bounded body reader (`boundedBody`, `parseBody`) refuses a request body with:
 * every route that reads a body can answer these.
 */
export const requestBodyErrorCodes = [
  'MALFORMED_JSON',
  'VALIDATION_FAILED',
  'BODY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
] as const satisfies readonly ErrorCode[];

/**
 * The JSON Schema of a zod schema, as a request sends it (`io: 'input'`), without `$schema`.
 *
 * @example
 * ```ts
 * openApiJsonSchema(z.object({ did: z.string() }))
 * // { type: 'object', properties: { did: { type: 'string' } }, required: ['did'], … }
 * ```
 */
export function openApiJsonSchema(schema: z.ZodType): OpenApiObject {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as OpenApiObject;
  return jsonSchema;
}

/**
 * An OpenAPI `requestBody` from the very zod schema the route parses with, so the two can't
 * drift.
 *
 * @example
 * ```ts
 * { post: { requestBody: openApiRequestBody(challengeRequest), responses: { … } } }
 * ```
 */
export function openApiRequestBody(schema: z.ZodType): OpenApiObject {
  return {
    required: true,
    content: { 'application/json': { schema: openApiJsonSchema(schema) } },
  };
}
