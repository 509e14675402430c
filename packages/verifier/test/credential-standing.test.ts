import { describe, expect, it } from '@jest/globals';
import {
  credentialStanding,
  type CheckCode,
  type VerifyCredentialResult,
} from '@skillproof/verifier';

function failedWith(...codes: CheckCode[]): VerifyCredentialResult {
  const errors = codes.map((code) => ({
    id: code.toLowerCase(),
    ok: false,
    code,
    message: `failed: ${code}`,
  }));
  return {
    verified: false,
    checks: [{ id: 'signature', ok: true }, ...errors],
    errors,
    warnings: [],
  };
}

describe('credentialStanding', () => {
  it('is valid only when verification passed', () => {
    expect(credentialStanding({ verified: true, checks: [], errors: [], warnings: [] })).toEqual({
      standing: 'valid',
    });
  });

  it.each<[CheckCode[], string]>([
    [['STATUS_REVOKED'], 'revoked'],
    [['STATUS_SUSPENDED'], 'suspended'],
    [['EXPIRED'], 'expired'],
    [['ISSUER_UNTRUSTED'], 'untrusted'],
    [['STATUS_UNAVAILABLE'], 'unknown'],
    [['STATUS_UNAVAILABLE', 'STATUS_UNAVAILABLE'], 'unknown'],
    [['SIGNATURE_INVALID'], 'invalid'],
    // What the issuer says outweighs the dates, which outweigh trust.
    [['EXPIRED', 'STATUS_REVOKED'], 'revoked'],
    [['ISSUER_UNTRUSTED', 'EXPIRED'], 'expired'],
    // An unreachable list beside a real failure is not merely unknown.
    [['STATUS_UNAVAILABLE', 'SIGNATURE_INVALID'], 'invalid'],
  ])('%j -> %s, naming the deciding check', (codes, standing) => {
    const result = credentialStanding(failedWith(...codes));
    expect(result.standing).toBe(standing);
    expect(result.code).toBeDefined();
    expect(result.message).toBe(`failed: ${result.code}`);
  });
});
