import { httpStatusByErrorCode, type ErrorCode } from '@skillproof/core';

/** A JSON Schema or OpenAPI object. */
type OpenApiObject = Record<string, unknown>;

/**
 * The OpenAPI `responses` entries for the errors a route can answer, derived from the one table
 * from error code to HTTP status: each status lists the codes it carries, so a document can't
 * promise a status the service would not send. A 429 declares its `Retry-After`.
 *
 * @example
 * ```ts
 * responses: { 201: created, ...openApiErrorResponses(['VALIDATION_FAILED', 'UNAUTHORIZED'], errorSchema) }
 * // { '400': { description: 'VALIDATION_FAILED', … }, '401': { description: 'UNAUTHORIZED', … } }
 * ```
 */
export function openApiErrorResponses(
  codes: readonly ErrorCode[],
  errorSchema: OpenApiObject,
): Record<string, OpenApiObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = httpStatusByErrorCode[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, statusCodes]) => [
        String(status),
        {
          description: `error code ${statusCodes.join(' or ')}`,
          ...(statusCodes.includes('RATE_LIMITED')
            ? {
                headers: {
                  'Retry-After': { schema: { type: 'integer' }, description: 'seconds to wait' },
                },
              }
            : {}),
          content: {
            'application/json': {
              schema: {
                allOf: [errorSchema],
                properties: { error: { properties: { code: { enum: statusCodes } } } },
              },
            },
          },
        },
      ]),
  );
}
