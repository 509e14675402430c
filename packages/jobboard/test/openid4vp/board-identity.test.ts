import { describe, expect, it } from '@jest/globals';
import { decodeJwt, publicKeyObjectForDidKey, verifyEd25519 } from '@skillproof/core';
import { openDatabase } from '@skillproof/server/sqlite';
import { openBoardIdentity } from '@skillproof/jobboard';

const keySecret = 'board-key-secret';

describe('openBoardIdentity', () => {
  it('makes a did:key on first start and keeps it, sealed, in the same database', async () => {
    const db = openDatabase(':memory:');
    const first = await openBoardIdentity({ db, keySecret, scryptLogN: 10 });
    const again = await openBoardIdentity({ db, keySecret, scryptLogN: 10 });
    expect(first.did).toMatch(/^did:key:z6Mk/);
    expect(again.did).toBe(first.did);
    expect(first.kid).toBe(`${first.did}#${first.did.slice('did:key:'.length)}`);
    // One key, in the agent's sealed private key table (its sealing is the server's to test).
    expect(db.prepare('SELECT COUNT(*) AS n FROM agent_private_keys').get()).toEqual({ n: 1 });
  });

  it('refuses another secret, so a stolen database alone signs nothing', async () => {
    const db = openDatabase(':memory:');
    await openBoardIdentity({ db, keySecret, scryptLogN: 10 });
    await expect(
      openBoardIdentity({ db, keySecret: 'another-secret', scryptLogN: 10 }),
    ).rejects.toMatchObject({ code: 'KEY_SECRET_INVALID' });
  });

  it('signs JWTs its did:key verifies, with the typ asked for', async () => {
    const identity = await openBoardIdentity({
      db: openDatabase(':memory:'),
      keySecret,
      scryptLogN: 10,
    });
    const jwt = await identity.signJwt({ nonce: 'n' }, 'oauth-authz-req+jwt');
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    expect(decodeJwt(jwt).header).toEqual({
      alg: 'EdDSA',
      typ: 'oauth-authz-req+jwt',
      kid: identity.kid,
    });
    expect(
      verifyEd25519(
        Buffer.from(`${header}.${payload}`),
        Buffer.from(signature, 'base64url'),
        publicKeyObjectForDidKey(identity.did),
      ),
    ).toBe(true);
  });
});
