import { errorCodes } from '@skillproof/core';

/**
 * The OpenAPI `Error` schema every service documents: the `{ error: { code, message } }` body of
 * an error answer, its `code` one of core's stable error codes.
 *
 * @example
 * ```ts
 * components: { schemas: { Error: openApiErrorSchema, … } }
 * ```
 */
export const openApiErrorSchema: Record<string, unknown> = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { enum: errorCodes }, message: { type: 'string' } },
    },
  },
};
