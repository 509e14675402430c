import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { verifyCredential, type VerificationPolicy } from '@skillproof/verifier';
import {
  badgeCredential,
  codesOf,
  fixedNow,
  makeIdentity,
  signCredential,
  signStatusList,
  startStatusListServer,
  statusEntry,
  type StatusListServer,
} from '@skillproof/testing';
import { isStatusListHostAllowed } from '../../src/status/is-status-list-host-allowed.js';

const issuer = makeIdentity();
const learner = makeIdentity();
const unrestricted = 'status list hosts are not restricted: the policy sets no statusListHosts';
let server: StatusListServer;
let port: string;

beforeAll(async () => {
  server = await startStatusListServer();
  port = new URL(server.url).port;
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.lists.clear();
  server.fetches.clear();
});

/** Serves a list signed by the issuer at `<origin>/lists/<name>`; returns its URL. */
function publish(name: string, origin = server.url): string {
  const url = `${origin}/lists/${name}`;
  server.lists.set(`/lists/${name}`, { body: signStatusList(issuer, url) });
  return url;
}

function credentialWithStatus(credentialStatus: unknown): string {
  return signCredential(issuer, badgeCredential(issuer, learner.did, { credentialStatus })).proof
    .jwt;
}

function policy(extra: VerificationPolicy = {}): VerificationPolicy {
  return { now: () => fixedNow, trustedIssuers: [{ did: issuer.did }], ...extra };
}

describe('status list hosts (policy.statusListHosts)', () => {
  it('refuses a list on a host not allowed with STATUS_HOST_NOT_ALLOWED, and fetches nothing', async () => {
    const url = publish('elsewhere');
    const result = await verifyCredential(
      credentialWithStatus(statusEntry(url, 3)),
      policy({ statusListHosts: ['status.example.com', '127.0.0.1'] }),
    );
    expect(result.verified).toBe(false);
    expect(result.errors).toEqual([
      {
        id: 'status.revocation',
        ok: false,
        code: 'STATUS_HOST_NOT_ALLOWED',
        message: `status list ${url} was not fetched: its host 127.0.0.1:${port} is neither in statusListHosts nor the host of a trusted did:web issuer`,
      },
    ]);
    expect(server.fetches.size).toBe(0);
    expect(result.warnings).not.toContain(unrestricted);
  });

  it('fetches a list whose host:port is in statusListHosts', async () => {
    const url = publish('listed');
    const result = await verifyCredential(
      credentialWithStatus(statusEntry(url, 3)),
      policy({ statusListHosts: [`127.0.0.1:${port}`] }),
    );
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks).toContainEqual({ id: 'status.revocation', ok: true });
    expect(server.fetches.get('/lists/listed')).toBe(1);
    expect(result.warnings).not.toContain(unrestricted);
  });

  it("fetches a list on a trusted did:web issuer's host, port included", async () => {
    const url = publish('issuer-host', `http://localhost:${port}`);
    const trustedIssuers = [{ did: issuer.did }, { did: `did:web:localhost%3A${port}:issuers:a` }];
    const result = await verifyCredential(
      credentialWithStatus(statusEntry(url, 3)),
      policy({ statusListHosts: [], trustedIssuers }),
    );
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(server.fetches.get('/lists/issuer-host')).toBe(1);
  });

  it("does not take a trusted did:web issuer's host on another port", async () => {
    const url = publish('other-port', `http://localhost:${port}`);
    const trustedIssuers = [{ did: issuer.did }, { did: 'did:web:localhost' }];
    const result = await verifyCredential(
      credentialWithStatus(statusEntry(url, 3)),
      policy({ statusListHosts: [], trustedIssuers }),
    );
    expect(codesOf(result)).toEqual(['STATUS_HOST_NOT_ALLOWED']);
    expect(server.fetches.size).toBe(0);
  });

  it('checks each entry: an allowed list is fetched, a disallowed one is not', async () => {
    const allowed = publish('allowed');
    const refused = publish('refused', `http://localhost:${port}`);
    const result = await verifyCredential(
      credentialWithStatus([statusEntry(allowed, 1), statusEntry(refused, 2, 'suspension')]),
      policy({ statusListHosts: [`127.0.0.1:${port}`] }),
    );
    expect(result.checks).toContainEqual({ id: 'status.revocation', ok: true });
    expect(codesOf(result)).toEqual(['STATUS_HOST_NOT_ALLOWED']);
    expect([...server.fetches.keys()]).toEqual(['/lists/allowed']);
  });

  it('without statusListHosts, fetches from any host as before, and warns that it did', async () => {
    const url = publish('anywhere');
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 3)), policy());
    expect(result.verified).toBe(true);
    expect(result.warnings).toContain(unrestricted);
    expect(server.fetches.get('/lists/anywhere')).toBe(1);
  });
});

describe('isStatusListHostAllowed', () => {
  const none = { trustedIssuers: [] };

  it.each([
    ['https://status.example.com/l/1', ['status.example.com'], true],
    ['https://Status.Example.COM/l/1', ['STATUS.example.com'], true],
    ['https://status.example.com:443/l/1', ['status.example.com'], true],
    ['https://status.example.com:8443/l/1', ['status.example.com'], false],
    ['https://status.example.com:8443/l/1', ['status.example.com:8443'], true],
    ['https://status.example.com/l/1', ['status.example.com:8443'], false],
    ['https://status.example.com.evil.example/l/1', ['status.example.com'], false],
    ['https://user@status.example.com/l/1', ['status.example.com'], true],
    ['https://evil.example/l/1', [], false],
  ])('%s under %j: %s', (url, statusListHosts, allowed) => {
    expect(isStatusListHostAllowed(url, { ...none, statusListHosts })).toBe(allowed);
  });

  it.each([
    ['https://issuer.example/status/1', 'did:web:issuer.example', true],
    ['https://issuer.example/status/1', 'did:web:issuer.example:tenants:a', true],
    ['https://issuer.example:8443/status/1', 'did:web:issuer.example%3A8443', true],
    ['https://issuer.example/status/1', 'did:web:issuer.example%3A8443', false],
    ['https://other.example/status/1', 'did:web:issuer.example', false],
    [
      'https://issuer.example/status/1',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      false,
    ],
    ['https://issuer.example/status/1', 'did:web:issuer.example:..', false],
  ])('%s with trusted issuer %s: %s', (url, did, allowed) => {
    expect(isStatusListHostAllowed(url, { statusListHosts: [], trustedIssuers: [{ did }] })).toBe(
      allowed,
    );
  });

  it('is undefined (unrestricted) when statusListHosts is unset', () => {
    expect(isStatusListHostAllowed('https://anything.example/', none)).toBeUndefined();
  });
});
