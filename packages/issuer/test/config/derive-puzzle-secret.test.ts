import { describe, expect, it } from '@jest/globals';
import { hkdfSync } from 'node:crypto';
import { derivePuzzleSecret } from '../../src/index.js';

describe('derivePuzzleSecret', () => {
  it('is HKDF-SHA256 of the key secret with a fixed info string, 32 bytes', () => {
    const derived = derivePuzzleSecret('the key secret');
    expect(derived).toHaveLength(32);
    expect(Buffer.from(derived)).toEqual(
      Buffer.from(
        hkdfSync(
          'sha256',
          'the key secret',
          new Uint8Array(0),
          'skillproof issuer puzzle secret v1',
          32,
        ),
      ),
    );
  });

  it('is stable for a secret and differs between secrets, never the secret itself', () => {
    expect(derivePuzzleSecret('a')).toEqual(derivePuzzleSecret('a'));
    expect(derivePuzzleSecret('a')).not.toEqual(derivePuzzleSecret('b'));
    expect(Buffer.from(derivePuzzleSecret('a')).toString('utf8')).not.toContain('a'.repeat(2));
  });
});
