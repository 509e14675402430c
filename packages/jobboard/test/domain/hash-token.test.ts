import { describe, expect, it } from '@jest/globals';
import { hashToken as serverHashToken } from '@skillproof/server/http';
import { hashToken } from '../../src/domain/hash-token.js';

describe('hashToken', () => {
  it('is the SHA-256 hex digest, as the server package makes it, so stored tokens keep working', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (const token of ['', 'admin-token-for-tests-0123456789', 'é~+/=']) {
      expect(hashToken(token)).toBe(serverHashToken(token));
    }
  });
});
