import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError, readMainConfig } from '../src/read-main-config.js';

describe('readMainConfig', () => {
  it('has defaults for everything', () => {
    expect(readMainConfig({})).toEqual({
      port: 4300,
      host: '127.0.0.1',
      dataDir: resolve('./.skillproof/jobboard'),
      url: 'http://localhost:4300',
      adminToken: undefined,
      issuerUrls: [],
    });
  });

  it('derives the default public URL from PORT', () => {
    expect(readMainConfig({ PORT: '8080' }).url).toBe('http://localhost:8080');
  });

  it('reads every setting', () => {
    expect(
      readMainConfig({
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/jobboard',
        JOBBOARD_URL: 'https://jobs.example/board',
        JOBBOARD_ADMIN_TOKEN: 'a-long-admin-token',
        JOBBOARD_ISSUER_URLS: ' https://academy.example ,http://localhost:4100/,',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/var/lib/jobboard',
      url: 'https://jobs.example/board',
      adminToken: 'a-long-admin-token',
      issuerUrls: ['https://academy.example', 'http://localhost:4100/'],
    });
  });

  it.each([
    [{ PORT: 'http' }, 'PORT must be a port number (0-65535), not "http"'],
    [{ PORT: '70000' }, 'PORT must be a port number (0-65535), not "70000"'],
    [{ PORT: '-1' }, 'PORT must be a port number (0-65535), not "-1"'],
    [
      { JOBBOARD_URL: 'jobs.example' },
      'JOBBOARD_URL must be an absolute http(s) URL, not "jobs.example"',
    ],
    [
      { JOBBOARD_URL: 'ftp://jobs.example' },
      'JOBBOARD_URL must be an absolute http(s) URL, not "ftp://jobs.example"',
    ],
    [
      { JOBBOARD_ADMIN_TOKEN: 'has spaces' },
      'JOBBOARD_ADMIN_TOKEN must be 1-512 characters of A-Z a-z 0-9 . _ ~ + / = -',
    ],
    [
      { JOBBOARD_ADMIN_TOKEN: '' },
      'JOBBOARD_ADMIN_TOKEN must be 1-512 characters of A-Z a-z 0-9 . _ ~ + / = -',
    ],
    [{ HOST: '' }, 'HOST must not be empty'],
    [
      { JOBBOARD_ISSUER_URLS: 'https://academy.example,academy.example' },
      'JOBBOARD_ISSUER_URLS must list absolute http(s) URLs separated by commas, not "academy.example"',
    ],
    [
      { JOBBOARD_ISSUER_URLS: 'https://academy.example,file:///etc/passwd' },
      'JOBBOARD_ISSUER_URLS must list absolute http(s) URLs separated by commas, not "file:///etc/passwd"',
    ],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => readMainConfig(env)).toThrow(new ConfigError(message));
  });
});
