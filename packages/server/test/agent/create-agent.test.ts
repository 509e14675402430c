import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSkillproofAgent,
  ensureIdentifier,
  signCredentialJwt,
} from '@skillproof/server/agent';
import { openDatabase } from '@skillproof/server/sqlite';
import { decodeJwt, verifyDidJws, vcContextV1 } from '@skillproof/core';

function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'skillproof-core-')), 'agent.db');
}

describe('createSkillproofAgent', () => {
  it('keeps the same did:key across a reopen with the same secret', async () => {
    const path = tempDbPath();
    const first = openDatabase(path);
    const did = (
      await ensureIdentifier(
        await createSkillproofAgent({ db: first, keySecret: 's3cret', scryptLogN: 10 }),
        'issuer',
      )
    ).did;
    first.close();
    const again = openDatabase(path);
    const agent = await createSkillproofAgent({ db: again, keySecret: 's3cret', scryptLogN: 10 });
    expect((await ensureIdentifier(agent, 'issuer')).did).toBe(did);
    again.close();
  });

  it('refuses a wrong secret with KEY_SECRET_INVALID instead of an empty key', async () => {
    const path = tempDbPath();
    const db = openDatabase(path);
    await ensureIdentifier(
      await createSkillproofAgent({ db, keySecret: 'right', scryptLogN: 10 }),
      'issuer',
    );
    await expect(
      createSkillproofAgent({ db, keySecret: 'wrong', scryptLogN: 10 }),
    ).rejects.toMatchObject({
      code: 'KEY_SECRET_INVALID',
    });
    db.close();
  });

  it('stores private keys sealed, never in clear', async () => {
    const db = openDatabase(':memory:');
    const agent = await createSkillproofAgent({ db, keySecret: 'k', scryptLogN: 10 });
    await ensureIdentifier(agent, 'issuer');
    const rows = db.prepare('SELECT sealed FROM agent_private_keys').all() as Array<{
      sealed: string;
    }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sealed).toMatch(/^v1\./);
    expect(rows[0]?.sealed).not.toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a credential whose JSON is exactly its signed payload, even with an id-only subject', async () => {
    const agent = await createSkillproofAgent({
      db: openDatabase(':memory:'),
      keySecret: 'k',
      scryptLogN: 10,
    });
    const issuer = await ensureIdentifier(agent, 'issuer');
    const vc = await signCredentialJwt(agent, issuer, {
      '@context': [vcContextV1],
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      issuanceDate: '2026-11-26T12:00:00.123Z',
      credentialSubject: { id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp' },
    });
    const verified = verifyDidJws(vc.proof.jwt);
    expect(verified.ok).toBe(true);
    expect(decodeJwt(vc.proof.jwt).header).toMatchObject({
      alg: 'EdDSA',
      kid: `${issuer.did}#${issuer.did.slice(8)}`,
    });
    expect(vc.issuanceDate).toBe('2026-11-26T12:00:00.000Z');
    expect(vc.credentialSubject).toEqual({
      id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
    });
  });

  it('refuses to sign for an issuer other than its own DID', async () => {
    const agent = await createSkillproofAgent({
      db: openDatabase(':memory:'),
      keySecret: 'k',
      scryptLogN: 10,
    });
    const issuer = await ensureIdentifier(agent, 'issuer');
    await expect(
      signCredentialJwt(agent, issuer, {
        '@context': [vcContextV1],
        type: ['VerifiableCredential'],
        issuer: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
        credentialSubject: { id: 'did:example:1' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
