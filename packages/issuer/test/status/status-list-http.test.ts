import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  decodeStatusList,
  statusBitAt,
  verifyDidJws,
  type JwtVerifiableCredential,
} from '@skillproof/core';
import { verifyCredential } from '@skillproof/verifier';
import { statusListLength } from '../../src/index.js';
import {
  issueLoopbackCredential,
  startLoopbackIssuer,
  type LoopbackIssuer,
} from '../fixtures/loopback-issuer.js';

const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';

interface StatusEntry {
  id: string;
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

describe('status lists: revocation and suspension, end to end through the verifier', () => {
  let issuer: LoopbackIssuer;

  beforeAll(async () => {
    issuer = await startLoopbackIssuer();
  });

  afterAll(async () => {
    await issuer.close();
  });

  const issue = () => issueLoopbackCredential(issuer, learnerDid);

  function setStatus(credentialId: string, statusPurpose: string, status: boolean) {
    return issuer.call('/credentials/status', {
      body: {
        credentialId,
        credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose, status }],
      },
    });
  }

  async function errorCodes(vc: JwtVerifiableCredential): Promise<string[]> {
    const result = await verifyCredential(vc, issuer.policy());
    return result.errors.map((check) => check.code ?? check.id);
  }

  it('gives every credential a revocation and a suspension entry, each in its own list', async () => {
    const first = await issue();
    const second = await issue();
    const entries = first.credentialStatus as StatusEntry[];
    expect(entries).toEqual([
      {
        id: `${issuer.url}/status/revocation-1#${entries[0]?.statusListIndex}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: expect.stringMatching(/^\d+$/),
        statusListCredential: `${issuer.url}/status/revocation-1`,
      },
      {
        id: `${issuer.url}/status/suspension-1#${entries[1]?.statusListIndex}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: expect.stringMatching(/^\d+$/),
        statusListCredential: `${issuer.url}/status/suspension-1`,
      },
    ]);
    const next = second.credentialStatus as StatusEntry[];
    expect(next[0]?.statusListIndex).not.toBe(entries[0]?.statusListIndex);
    expect(next[1]?.statusListIndex).not.toBe(entries[1]?.statusListIndex);
    expect(await verifyCredential(first, issuer.policy())).toMatchObject({ verified: true });
  });

  it('publishes each list as a signed BitstringStatusListCredential whose id is its URL', async () => {
    const vc = await issue();
    const [revocation] = vc.credentialStatus as StatusEntry[];
    const response = await issuer.call('/status/revocation-1', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const list = (await response.json()) as JwtVerifiableCredential;
    expect(list).toMatchObject({
      id: `${issuer.url}/status/revocation-1`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: { id: issuer.identifier.did },
      credentialSubject: {
        id: `${issuer.url}/status/revocation-1#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: expect.stringMatching(/^u[A-Za-z0-9_-]+$/),
      },
    });
    const verified = verifyDidJws(list.proof.jwt);
    expect(verified.ok && verified.did).toBe(issuer.identifier.did);
    const decoded = decodeStatusList(list.credentialSubject['encodedList'] as string, 1 << 20);
    if ('problem' in decoded) throw new Error(decoded.problem);
    expect(decoded.bits.length * 8).toBe(statusListLength);
    expect(statusListLength).toBeGreaterThanOrEqual(131_072);
    expect(statusBitAt(decoded.bits, Number(revocation?.statusListIndex))).toBe(false);
    expect(await verifyCredential(list, issuer.policy())).toMatchObject({ verified: true });
  });

  it('serves the bare JWT to a client that asks for application/vc+jwt', async () => {
    await issue();
    const response = await issuer.call('/status/suspension-1', {
      token: null,
      headers: { accept: 'application/vc+jwt' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/vc\+jwt/);
    const asJson = await issuer.call('/status/suspension-1', { token: null });
    expect(response.headers.get('etag')).not.toBe(asJson.headers.get('etag'));
    expect(response.headers.get('vary')).toContain('Accept');
    const jwt = await response.text();
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const verified = verifyDidJws(jwt);
    expect(verified.ok && verified.did).toBe(issuer.identifier.did);
  });

  it('is cacheable for a short while, revalidated by ETag, readable from any origin', async () => {
    await issue();
    const first = await issuer.call('/status/revocation-1', { token: null });
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);

    // fetch() adds `Cache-Control: no-cache` to a conditional request unless told otherwise.
    const again = await issuer.call('/status/revocation-1', {
      token: null,
      headers: { 'if-none-match': etag as string, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);

    // The rest of the API stays out of caches.
    const profile = await issuer.call('/issuer', { token: null });
    expect(profile.headers.get('cache-control')).toBe('no-store');
  });

  it('a revoked credential is refused by the verifier at once, and the ETag changes', async () => {
    const vc = await issue();
    const bystander = await issue();
    const before = await issuer.call('/status/revocation-1', { token: null });
    const etag = before.headers.get('etag') as string;

    const revoked = await setStatus(vc.id as string, 'revocation', true);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ credentialId: vc.id, revoked: true, suspended: false });

    const after = await issuer.call('/status/revocation-1', {
      token: null,
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await errorCodes(vc)).toEqual(['STATUS_REVOKED']);
    expect(await errorCodes(bystander)).toEqual([]);
  });

  it('revocation is permanent: lifting it is refused (409) and the credential stays revoked', async () => {
    const vc = await issue();
    await setStatus(vc.id as string, 'revocation', true);
    const lifted = await setStatus(vc.id as string, 'revocation', false);
    expect(lifted.status).toBe(409);
    expect(((await lifted.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    expect(await errorCodes(vc)).toEqual(['STATUS_REVOKED']);
  });

  it('suspends and reinstates', async () => {
    const vc = await issue();
    expect((await setStatus(vc.id as string, 'suspension', true)).status).toBe(200);
    expect(await errorCodes(vc)).toEqual(['STATUS_SUSPENDED']);
    const reinstated = await setStatus(vc.id as string, 'suspension', false);
    expect(await reinstated.json()).toEqual({
      credentialId: vc.id,
      revoked: false,
      suspended: false,
    });
    expect(await errorCodes(vc)).toEqual([]);
  });

  it('answers 404 for a list that does not exist', async () => {
    const response = await issuer.call('/status/revocation-99', { token: null });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
