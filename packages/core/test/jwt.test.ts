import { describe, expect, it } from '@jest/globals';
import {
  decodeJwt,
  encodeBase64url,
  errorCodes,
  httpStatusByErrorCode,
  SkillproofError,
} from '@skillproof/core';

describe('decodeJwt', () => {
  it.each([
    ['a number', 5],
    ['two parts', 'a.b'],
    ['a header that is not JSON', `${encodeBase64url('x')}.${encodeBase64url('{}')}.AA`],
    ['a payload array', `${encodeBase64url('{}')}.${encodeBase64url('[]')}.AA`],
    ['a bad signature encoding', `${encodeBase64url('{}')}.${encodeBase64url('{}')}.*`],
    ['four parts', `${encodeBase64url('{}')}.${encodeBase64url('{}')}.AA.AA`],
    [
      'a payload that is not UTF-8',
      // {"a":"<0xFF>"}
      `${encodeBase64url('{}')}.${encodeBase64url(Uint8Array.of(0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d))}.AA`,
    ],
  ])('refuses %s with JWT_MALFORMED', (_name, jwt) => {
    expect(() => decodeJwt(jwt)).toThrow(
      expect.objectContaining({ code: 'JWT_MALFORMED' }) as unknown as Error,
    );
  });
});

describe('the error table', () => {
  it('gives every code a 4xx or 5xx status and an error body', () => {
    for (const code of errorCodes) {
      const error = new SkillproofError(code, 'why');
      expect(error.status).toBe(httpStatusByErrorCode[code]);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.toBody()).toEqual({ error: { code, message: 'why' } });
    }
  });
});
