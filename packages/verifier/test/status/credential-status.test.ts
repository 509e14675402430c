import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentialFromJwtPayload } from '@skillproof/core';
import {
  createHttpStatusListFetcher,
  createStatusListResolver,
  verifyCredential,
  verifyPresentation,
  type StatusListResolver,
  type VerificationPolicy,
} from '@skillproof/verifier';
import {
  badgeCredential,
  codesOf,
  fixedNow,
  inflatingEncodedList,
  makeIdentity,
  nowSeconds,
  payloadOf,
  signCredential,
  signPresentation,
  signStatusList,
  startStatusListServer,
  statusEntry,
  type StatusListServer,
  withPayload,
} from '@skillproof/testing';

const issuer = makeIdentity();
const stranger = makeIdentity();
const learner = makeIdentity();
let server: StatusListServer;

beforeAll(async () => {
  server = await startStatusListServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.lists.clear();
  server.fetches.clear();
});

/** Serves a list signed by `issuer` (unless told otherwise) at /lists/<name>; returns its URL. */
function publish(
  name: string,
  options: Parameters<typeof signStatusList>[2] = {},
  signer = issuer,
) {
  const url = `${server.url}/lists/${name}`;
  server.lists.set(`/lists/${name}`, { body: signStatusList(signer, url, options) });
  return url;
}

function credentialWithStatus(credentialStatus: unknown, subject = learner.did): string {
  return signCredential(issuer, badgeCredential(issuer, subject, { credentialStatus })).proof.jwt;
}

function policy(extra: VerificationPolicy = {}): VerificationPolicy {
  return { now: () => fixedNow, trustedIssuers: [{ did: issuer.did }], ...extra };
}

describe('credential status (Bitstring Status List v1.0)', () => {
  it('accepts a credential whose bit is clear, and says the status was checked', async () => {
    const url = publish('r1', { set: [7] });
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 6)), policy());
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.checks).toContainEqual({ id: 'status.revocation', ok: true });
  });

  it('refuses a revoked credential with STATUS_REVOKED', async () => {
    const url = publish('r2', { set: [7] });
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 7)), policy());
    expect(result.verified).toBe(false);
    expect(codesOf(result)).toEqual(['STATUS_REVOKED']);
  });

  it('reads bits left to right: index 0 is the most significant bit of the first byte', async () => {
    const url = publish('r3', { set: [0, 131_071] });
    for (const [index, code] of [
      [0, 'STATUS_REVOKED'],
      [1, undefined],
      [131_070, undefined],
      [131_071, 'STATUS_REVOKED'],
    ] as const) {
      const result = await verifyCredential(
        credentialWithStatus(statusEntry(url, index)),
        policy(),
      );
      expect(codesOf(result)).toEqual(code ? [code] : []);
    }
  });

  it('refuses a suspended credential with STATUS_SUSPENDED, and accepts it once reinstated', async () => {
    const revocation = publish('s-rev');
    const suspension = publish('s-sus', { purpose: 'suspension', set: [3] });
    const jwt = credentialWithStatus([
      statusEntry(revocation, 3),
      statusEntry(suspension, 3, 'suspension'),
    ]);
    const suspended = await verifyCredential(jwt, policy());
    expect(codesOf(suspended)).toEqual(['STATUS_SUSPENDED']);
    expect(suspended.checks).toContainEqual({ id: 'status.revocation', ok: true });
    publish('s-sus', { purpose: 'suspension' });
    const reinstated = await verifyCredential(jwt, policy());
    expect(reinstated.verified).toBe(true);
  });

  it('fails closed with STATUS_UNAVAILABLE when the list is missing or the server errs', async () => {
    server.lists.set('/lists/broken', { status: 500, body: 'oops' });
    for (const url of [`${server.url}/lists/absent`, `${server.url}/lists/broken`]) {
      const result = await verifyCredential(credentialWithStatus(statusEntry(url, 1)), policy());
      expect(codesOf(result)).toEqual(['STATUS_UNAVAILABLE']);
    }
  });

  it('fails closed when nothing listens at the list URL', async () => {
    const closed = await startStatusListServer();
    const url = `${closed.url}/lists/gone`;
    await closed.close();
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 1)), policy());
    expect(codesOf(result)).toEqual(['STATUS_UNAVAILABLE']);
  });

  it('gives up on a list server that never answers, within the timeout', async () => {
    server.lists.set('/lists/hang', { hang: true });
    const statusLists = createStatusListResolver({
      fetch: createHttpStatusListFetcher({ timeoutMs: 200 }),
    });
    const started = Date.now();
    const result = await verifyCredential(
      credentialWithStatus(statusEntry(`${server.url}/lists/hang`, 1)),
      policy({ statusLists }),
    );
    expect(codesOf(result)).toEqual(['STATUS_UNAVAILABLE']);
    expect(result.errors[0]?.message).toMatch(/within 200 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses redirects, oversized lists and plain HTTP beyond loopback', async () => {
    const target = publish('target');
    server.lists.set('/lists/moved', { location: target });
    server.lists.set('/lists/huge', { body: 'x'.repeat(2_000_000) });
    const cases = [
      [`${server.url}/lists/moved`, /302/],
      [`${server.url}/lists/huge`, /larger than/],
      ['http://status.example/lists/1', /only from loopback/],
    ] as const;
    for (const [url, message] of cases) {
      const result = await verifyCredential(credentialWithStatus(statusEntry(url, 1)), policy());
      expect(codesOf(result)).toEqual(['STATUS_UNAVAILABLE']);
      expect(result.errors[0]?.message).toMatch(message);
    }
    expect(server.fetches.get('/lists/target')).toBeUndefined();
  });

  it('refuses a list signed by someone other than the credential issuer', async () => {
    const url = publish('foreign', {}, stranger);
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 1)), policy());
    expect(codesOf(result)).toEqual(['STATUS_LIST_ISSUER_MISMATCH']);
  });

  it('refuses a list whose signature does not verify', async () => {
    const url = `${server.url}/lists/tampered`;
    const jwt = signStatusList(issuer, url, { set: [5] });
    const payload = payloadOf(jwt);
    const vc = payload['vc'] as { credentialSubject: Record<string, unknown> };
    // The attacker clears bit 5 (revoked) by swapping in an all-zero list without re-signing.
    vc.credentialSubject['encodedList'] = (
      payloadOf(signStatusList(issuer, url)).vc as { credentialSubject: { encodedList: string } }
    ).credentialSubject.encodedList;
    server.lists.set('/lists/tampered', { body: withPayload(jwt, payload) });
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 5)), policy());
    expect(codesOf(result)).toEqual(['STATUS_LIST_INVALID']);
    expect(result.errors[0]?.message).toMatch(/SIGNATURE_INVALID/);
  });

  it('refuses a list shorter than 131,072 entries with STATUS_LIST_TOO_SHORT', async () => {
    const url = publish('short', { entries: 131_072 - 8 });
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 1)), policy());
    expect(codesOf(result)).toEqual(['STATUS_LIST_TOO_SHORT']);
  });

  it('bounds the inflated size of a list (a GZIP bomb)', async () => {
    const url = publish('bomb', { encodedList: inflatingEncodedList(64 * 1024 * 1024) });
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 1)), policy());
    expect(codesOf(result)).toEqual(['STATUS_LIST_INVALID']);
    expect(result.errors[0]?.message).toMatch(/inflates beyond/);
  });

  it.each([
    ['a list for another purpose', { purpose: 'suspension' }, /not revocation/],
    ['a list whose id is another URL', { id: 'https://elsewhere.example/list' }, /not the URL/],
    ['a list without an id', { id: null }, /has no id/],
    ['a credential of another type', { type: 'OpenBadgeCredential' }, /not a Bitstring/],
    ['a subject of another type', { subjectType: 'Thing' }, /credentialSubject.type/],
    ['an encodedList that is not base64url', { encodedList: 'u!!!' }, /not base64url/],
    ['an encodedList that is not GZIP', { encodedList: 'uAAAA' }, /not GZIP/],
    ['an expired list', { exp: nowSeconds - 3600 }, /EXPIRED/],
  ] as const)('refuses %s with STATUS_LIST_INVALID', async (_name, options, message) => {
    const url = publish('odd', options);
    const result = await verifyCredential(credentialWithStatus(statusEntry(url, 1)), policy());
    expect(codesOf(result)).toEqual(['STATUS_LIST_INVALID']);
    expect(result.errors[0]?.message).toMatch(message);
  });

  it('accepts a list served as normalized JSON with proof.jwt, and StatusList2021', async () => {
    const url = `${server.url}/lists/json`;
    const jwt = signStatusList(issuer, url, {
      type: 'StatusList2021Credential',
      subjectType: 'StatusList2021',
      set: [2],
    });
    server.lists.set('/lists/json', {
      body: JSON.stringify({
        ...credentialFromJwtPayload(payloadOf(jwt)),
        proof: { type: 'JwtProof2020', jwt },
      }),
      contentType: 'application/json',
    });
    const entry = { ...statusEntry(url, 2), type: 'StatusList2021Entry' };
    const result = await verifyCredential(credentialWithStatus(entry), policy());
    expect(codesOf(result)).toEqual(['STATUS_REVOKED']);
  });

  it.each([
    ['an unknown status type', { type: 'RevocationList2020Status' }, 'STATUS_UNSUPPORTED'],
    ['an unknown purpose', { statusPurpose: 'message' }, 'STATUS_UNSUPPORTED'],
    ['a statusSize above 1', { statusSize: 2 }, 'STATUS_UNSUPPORTED'],
    ['a negative index', { statusListIndex: '-1' }, 'STATUS_ENTRY_INVALID'],
    ['an index that is not a number', { statusListIndex: 'seven' }, 'STATUS_ENTRY_INVALID'],
    [
      'a list URL that is not http(s)',
      { statusListCredential: 'file:///etc/passwd' },
      'STATUS_ENTRY_INVALID',
    ],
    ['an index beyond the list', { statusListIndex: '131072' }, 'STATUS_ENTRY_INVALID'],
  ] as const)('refuses %s', async (_name, override, code) => {
    const url = publish('entries');
    const result = await verifyCredential(
      credentialWithStatus({ ...statusEntry(url, 1), ...override }),
      policy(),
    );
    expect(codesOf(result)).toEqual([code]);
  });

  it('refuses more than 8 status entries without fetching any', async () => {
    const url = publish('many');
    const entries = Array.from({ length: 9 }, (_, index) => statusEntry(url, index + 1));
    const result = await verifyCredential(credentialWithStatus(entries), policy());
    expect(codesOf(result)).toEqual(['STATUS_ENTRY_INVALID']);
    expect(server.fetches.size).toBe(0);
  });

  it('gives up at once on a declared Content-Length above the bound', async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '2000000' });
      res.write('x'); // and never finishes
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as AddressInfo;
    const fetchList = createHttpStatusListFetcher({ maxBytes: 1024, timeoutMs: 10_000 });
    try {
      // Without the declared-length check this would wait for the 10 s timeout instead.
      await expect(fetchList(`http://127.0.0.1:${port}/list`)).rejects.toThrow(/larger than 1024/);
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it('refuses an empty or non-object credentialStatus', async () => {
    for (const credentialStatus of [[], 'revoked', [42]]) {
      const result = await verifyCredential(credentialWithStatus(credentialStatus), policy());
      expect(codesOf(result)).toEqual(['STATUS_ENTRY_INVALID']);
    }
  });

  describe('the cache', () => {
    let statusLists: StatusListResolver;
    beforeEach(() => {
      statusLists = createStatusListResolver({ ttlSeconds: 60 });
    });

    it('fetches a list once for many credentials, concurrent ones included', async () => {
      const url = publish('cached', { set: [9] });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          verifyCredential(
            credentialWithStatus(statusEntry(url, index + 1)),
            policy({ statusLists }),
          ),
        ),
      );
      expect(results.map((result) => result.verified)).toEqual(
        Array.from({ length: 10 }, (_, index) => index + 1 !== 9),
      );
      expect(server.fetches.get('/lists/cached')).toBe(1);
    });

    it('fetches again once the TTL has passed, and sees a revocation made meanwhile', async () => {
      const url = publish('ttl');
      const jwt = credentialWithStatus(statusEntry(url, 4));
      let now = fixedNow;
      const clock = policy({ statusLists, now: () => now });
      expect((await verifyCredential(jwt, clock)).verified).toBe(true);
      publish('ttl', { set: [4] });
      now = new Date(fixedNow.getTime() + 59_000);
      expect((await verifyCredential(jwt, clock)).verified).toBe(true);
      now = new Date(fixedNow.getTime() + 61_000);
      expect(codesOf(await verifyCredential(jwt, clock))).toEqual(['STATUS_REVOKED']);
      expect(server.fetches.get('/lists/ttl')).toBe(2);
    });

    it('honours a shorter ttl set by the list itself', async () => {
      const url = publish('own-ttl', { ttl: 1_000 });
      const jwt = credentialWithStatus(statusEntry(url, 4));
      let now = fixedNow;
      const clock = policy({ statusLists, now: () => now });
      await verifyCredential(jwt, clock);
      now = new Date(fixedNow.getTime() + 1_500);
      await verifyCredential(jwt, clock);
      expect(server.fetches.get('/lists/own-ttl')).toBe(2);
    });

    it('answers for a URL only with the list fetched from that URL', async () => {
      const clear = publish('clear');
      const revoked = publish('revoked', { set: [3] });
      const at = policy({ statusLists });
      expect(
        (await verifyCredential(credentialWithStatus(statusEntry(clear, 3)), at)).verified,
      ).toBe(true);
      expect(
        codesOf(await verifyCredential(credentialWithStatus(statusEntry(revoked, 3)), at)),
      ).toEqual(['STATUS_REVOKED']);
    });

    it('does not use a cached list past its own exp', async () => {
      const long = createStatusListResolver({ ttlSeconds: 3600 });
      const url = publish('short-lived', { exp: nowSeconds + 30 });
      const jwt = credentialWithStatus(statusEntry(url, 3));
      let now = fixedNow;
      const clock = policy({ statusLists: long, now: () => now });
      expect((await verifyCredential(jwt, clock)).verified).toBe(true);
      now = new Date(fixedNow.getTime() + 120_000);
      const later = await verifyCredential(jwt, clock);
      expect(codesOf(later)).toEqual(['STATUS_LIST_INVALID']);
      expect(later.errors[0]?.message).toMatch(/EXPIRED/);
      expect(server.fetches.get('/lists/short-lived')).toBe(2);
    });

    it('does not cache a failure', async () => {
      const url = `${server.url}/lists/later`;
      const jwt = credentialWithStatus(statusEntry(url, 4));
      expect(codesOf(await verifyCredential(jwt, policy({ statusLists })))).toEqual([
        'STATUS_UNAVAILABLE',
      ]);
      publish('later');
      expect((await verifyCredential(jwt, policy({ statusLists }))).verified).toBe(true);
    });
  });

  it('with status checking off, warns instead of passing, and fetches nothing', async () => {
    const url = publish('off', { set: [1] });
    const result = await verifyCredential(
      credentialWithStatus(statusEntry(url, 1)),
      policy({ checkStatus: false }),
    );
    expect(result.verified).toBe(true);
    expect(result.checks.map((check) => check.id)).not.toContain('status.revocation');
    expect(result.warnings).toContain('credential status was not checked: status checking is off');
    expect(server.fetches.size).toBe(0);
  });

  it('never fetches the status list of a credential that failed other checks', async () => {
    const url = publish('untrusted', { set: [1] });
    const result = await verifyCredential(
      credentialWithStatus(statusEntry(url, 1)),
      policy({ trustedIssuers: [{ did: stranger.did }] }),
    );
    expect(codesOf(result)).toEqual(['ISSUER_UNTRUSTED']);
    expect(server.fetches.size).toBe(0);
  });

  it('refuses a presentation that carries a revoked credential', async () => {
    const url = publish('vp', { set: [2] });
    const good = credentialWithStatus(statusEntry(url, 1));
    const revoked = credentialWithStatus({ ...statusEntry(url, 2) });
    const vp = signPresentation(learner, [good, revoked], { nonce: 'n-1', aud: 'https://board' });
    const result = await verifyPresentation(
      vp,
      policy({ challenge: 'n-1', domain: 'https://board' }),
    );
    expect(result.presentationVerified).toBe(true);
    expect(result.verified).toBe(false);
    expect(result.credentials.map((credential) => credential.verified)).toEqual([true, false]);
    expect(codesOf(result.credentials[1] ?? { errors: [] })).toEqual(['STATUS_REVOKED']);
    expect(codesOf(result)).toEqual(['CREDENTIAL_INVALID']);
    expect(server.fetches.get('/lists/vp')).toBe(1);
  });
});
