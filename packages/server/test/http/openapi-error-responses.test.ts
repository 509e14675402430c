import { describe, expect, it } from '@jest/globals';
import { httpStatusByErrorCode } from '@skillproof/core';
import { openApiErrorResponses } from '@skillproof/server/http';

describe('openApiErrorResponses', () => {
  const schema = { $ref: '#/components/schemas/Error' };

  it('groups the codes by the status the one table gives them', () => {
    const responses = openApiErrorResponses(
      ['VALIDATION_FAILED', 'MALFORMED_JSON', 'UNAUTHORIZED', 'CHALLENGE_INVALID', 'NOT_FOUND'],
      schema,
    );
    expect(Object.keys(responses)).toEqual(['400', '401', '404']);
    expect(responses['400']!['description']).toBe('error code VALIDATION_FAILED or MALFORMED_JSON');
    expect(responses['401']!['description']).toBe('error code UNAUTHORIZED or CHALLENGE_INVALID');
    for (const [status, response] of Object.entries(responses)) {
      const codes = (
        response['content'] as {
          'application/json': {
            schema: { properties: { error: { properties: { code: { enum: string[] } } } } };
          };
        }
      )['application/json'].schema.properties.error.properties.code.enum;
      for (const code of codes) {
        expect(httpStatusByErrorCode[code as keyof typeof httpStatusByErrorCode]).toBe(
          Number(status),
        );
      }
    }
  });

  it('declares Retry-After on a 429', () => {
    const responses = openApiErrorResponses(['RATE_LIMITED'], schema);
    expect(responses['429']!['headers']).toHaveProperty('Retry-After');
  });
});
