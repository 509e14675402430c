import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { didWebUrl } from '../../src/did/did-web-url.js';

describe('didWebUrl (did:web §3.2 Read)', () => {
  it.each([
    ['did:web:example.com', 'https://example.com/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
    ['did:web:localhost%3A8443', 'https://localhost:8443/.well-known/did.json'],
    ['did:web:example.com:users:alice', 'https://example.com/users/alice/did.json'],
    ['did:web:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    ['did:web:xn--bcher-kva.example', 'https://xn--bcher-kva.example/.well-known/did.json'],
    ['did:web:example.com:a_b:c.d-e', 'https://example.com/a_b/c.d-e/did.json'],
  ])('maps %s to %s', (did, url) => {
    expect(didWebUrl(did)).toMatchObject({ ok: true, url });
  });

  it.each([
    ['did:web:', 'the host is empty'],
    ['did:web:example.com:', 'an empty path segment'],
    ['did:web:example.com::alice', 'an empty path segment'],
    ['did:web:example.com:..:admin', 'only dots'],
    ['did:web:example.com:.', 'only dots'],
    ['did:web:example.com:users%2Falice', 'holds characters'],
    ['did:web:example.com:a%3Ab', 'holds characters'],
    ['did:web:user%40example.com', 'only %3A'],
    ['did:web:user@example.com', 'not a domain name'],
    ['did:web:example.com%3A', 'is not a number'],
    ['did:web:example.com%3A0', 'is not a number'],
    ['did:web:example.com%3A65536', 'is not a number'],
    ['did:web:example.com%3A080', 'is not a number'],
    ['did:web:example.com%3A80%3A81', 'more than one port'],
    ['did:web:example.com%3a8443', 'only %3A'],
    ['did:web:127.0.0.1', 'IP address'],
    ['did:web:2130706433', 'IP address'],
    ['did:web:0x7f.1', 'IP address'],
    ['did:web:0x0', 'IP address'],
    ['did:web:example.0XFF', 'IP address'],
    ['did:web:[::1]', 'not a domain name'],
    ['did:web:example..com', 'not a domain name'],
    ['did:web:.example.com', 'not a domain name'],
    ['did:web:-example.com', 'not a domain name'],
    ['did:web:exa_mple.com', 'not a domain name'],
    ['did:web:bücher.example', 'not a domain name'],
    [`did:web:${'a'.repeat(64)}.com`, 'not a domain name'],
    [`did:web:${'a.'.repeat(127)}com`, 'longer than 253'],
    ['did:web:example.com/path', 'not a domain name'],
    ['did:web:example.com?query', 'not a domain name'],
    ['did:web:example.com#key-1', 'not a domain name'],
    ['did:web:example.com:a/b', 'holds characters'],
    ['did:web:example.com:a\\b', 'holds characters'],
    ['did:key:z6Mk', 'does not start with did:web:'],
    [`did:web:example.com:${'a'.repeat(2100)}`, 'over 2048 characters'],
  ])('refuses %s (%s)', (did, reason) => {
    const location = didWebUrl(did);
    expect(location.ok).toBe(false);
    expect(location.ok || location.message).toContain(reason);
  });

  // Mostly the stuff of valid DIDs (labels, dots, colons, the port escape), with now and then a
  // character that matters to URLs and paths, so random DIDs probe the boundaries.
  const didPart = fc.oneof(
    { arbitrary: fc.stringMatching(/^[a-z0-9]{1,4}$/), weight: 6 },
    { arbitrary: fc.constantFrom('.', ':', '-', '_', '%3A', '8443'), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        ..."%@/\\?#[]~!$&'()*+,;= \u00fc\u2028".split(''),
        '..',
        '%2F',
        '%2E',
        '%3a',
      ),
      weight: 1,
    },
  );

  it('never yields a URL that leaves the host or path the DID names', () => {
    fc.assert(
      fc.property(fc.array(didPart, { maxLength: 12 }), (parts) => {
        const did = `did:web:${parts.join('')}`;
        const location = didWebUrl(did);
        if (!location.ok) return;
        // A URL parser must see exactly what the DID says: the same host and port, the
        // same path, and nothing else (no userinfo, query, fragment or dot segments).
        const url = new URL(location.url);
        expect(url.protocol).toBe('https:');
        expect(url.hostname).toBe(location.hostname.toLowerCase());
        expect(url.port).toBe(location.port === undefined ? '' : String(location.port));
        expect(url.pathname).toBe(location.path);
        expect(url.username + url.password + url.search + url.hash).toBe('');
        expect(url.href).toBe(
          location.url.replace(location.hostname, location.hostname.toLowerCase()),
        );
        expect(location.path.split('/')).not.toContain('..');
      }),
      { numRuns: 2_000 },
    );
  });

  it('decodes no percent-escape but %3A, and that only once, as the port', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,10}$/),
        fc.constantFrom('%2E', '%2F', '%25', '%40', '%3a', '%20', '%41'),
        (name, escape) => {
          expect(didWebUrl(`did:web:${name}${escape}.example`).ok).toBe(false);
          expect(didWebUrl(`did:web:${name}.example:${name}${escape}`).ok).toBe(false);
        },
      ),
    );
  });
});
