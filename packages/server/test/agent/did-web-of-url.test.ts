import { describe, expect, it } from '@jest/globals';
import { didWebOfUrl } from '../../src/agent/did-web-of-url.js';

describe('didWebOfUrl (did:web §3.1)', () => {
  it.each([
    ['https://academy.example', 'did:web:academy.example', '/.well-known/did.json'],
    ['http://localhost:4100', 'did:web:localhost%3A4100', '/.well-known/did.json'],
    [
      'https://academy.example/schools/data',
      'did:web:academy.example:schools:data',
      '/schools/data/did.json',
    ],
  ])('%s is %s, its document at %s', (url, did, documentPath) => {
    expect(didWebOfUrl(url)).toEqual({ did, documentPath });
  });

  it.each(['http://127.0.0.1:4100', 'https://[::1]:4100'])(
    'refuses %s: did:web names no IP address',
    (url) => {
      expect(() => didWebOfUrl(url, 'ISSUER_URL')).toThrow(
        expect.objectContaining({
          code: 'CONFIGURATION_INVALID',
          message: expect.stringMatching(/^ISSUER_URL must name a host/),
        }) as unknown as Error,
      );
    },
  );
});
