import { describe, expect, it } from '@jest/globals';
import { readVerifierConfig } from '../src/read-verifier-config.js';

describe('readVerifierConfig', () => {
  it('has defaults, and counts blank values as unset', () => {
    const defaults = {
      port: 4200,
      host: '127.0.0.1',
      trustedIssuers: [],
      statusListHosts: [],
      transparencyLogHosts: [],
      didWebPrivateHosts: [],
      didWebAllowHttpLoopback: false,
    };
    expect(readVerifierConfig({})).toEqual(defaults);
    expect(readVerifierConfig({ PORT: ' ', HOST: '', TRUSTED_ISSUERS: ' ' })).toEqual(defaults);
  });

  it('reads a list of trusted issuer DIDs', () => {
    expect(
      readVerifierConfig({ TRUSTED_ISSUERS: 'did:key:z6MkA, did:web:academy.example,' })
        .trustedIssuers,
    ).toEqual(['did:key:z6MkA', 'did:web:academy.example']);
  });

  it('reads status list and transparency log hosts and the did:web settings', () => {
    expect(
      readVerifierConfig({
        STATUS_LIST_HOSTS: 'status.academy.example, localhost:4100',
        TRANSPARENCY_LOG_HOSTS: 'academy.example',
        DID_WEB_PRIVATE_HOSTS: 'intranet.example',
        DID_WEB_ALLOW_HTTP_LOOPBACK: '1',
      }),
    ).toMatchObject({
      statusListHosts: ['status.academy.example', 'localhost:4100'],
      transparencyLogHosts: ['academy.example'],
      didWebPrivateHosts: ['intranet.example'],
      didWebAllowHttpLoopback: true,
    });
  });

  it.each([
    [
      { STATUS_LIST_HOSTS: 'https://status.example' },
      'STATUS_LIST_HOSTS must be a comma-separated list of hosts, got "https://status.example"',
    ],
    [{ PORT: '4200x' }, 'PORT must be a port number from 0 to 65535, got "4200x"'],
    [
      { TRUSTED_ISSUERS: 'did:key:z6MkA,academy' },
      'TRUSTED_ISSUERS must be a comma-separated list of DIDs, got "academy"',
    ],
  ])('refuses %j with CONFIGURATION_INVALID', (env, message) => {
    expect(() => readVerifierConfig(env)).toThrow(
      expect.objectContaining({ code: 'CONFIGURATION_INVALID', message }) as unknown as Error,
    );
  });
});
