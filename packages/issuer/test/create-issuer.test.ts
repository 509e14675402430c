import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vcContextV1, verifyDidJws } from '@skillproof/core';
import { openDatabase, type SqliteDatabase } from '@skillproof/server/sqlite';
import { createIssuer, credentialStatusEntries } from '../src/index.js';

const config = { name: 'Skillproof Academy', url: 'http://localhost:4100/' };

/** The issuer on `db` with the right key secret, as each start of the same issuer opens it. */
const openIssuer = (db: SqliteDatabase) =>
  createIssuer({ db, keySecret: 'right secret', config, scryptLogN: 10 });

describe('createIssuer', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skillproof-issuer-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the same DID after a restart with the same secret', async () => {
    const path = join(dir, 'issuer.db');
    const firstDb = openDatabase(path);
    const first = await openIssuer(firstDb);
    firstDb.close();

    const secondDb = openDatabase(path);
    try {
      const second = await openIssuer(secondDb);
      expect(second.identifier.did).toBe(first.identifier.did);
      expect(first.identifier.did).toMatch(/^did:key:z6Mk/);
    } finally {
      secondDb.close();
    }
  });

  it('signs a credential a crash left pending (reserved, never signed) when it starts again', async () => {
    const path = join(dir, 'pending.db');
    const firstDb = openDatabase(path);
    const first = await openIssuer(firstDb);
    // What a crash between the reservation and the signature leaves behind.
    const pending = await first.store.reserveCredential({
      id: 'urn:uuid:left-pending',
      subjectDid: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
      achievementId: null,
      issuedAt: '2030-01-15T10:00:00.000Z',
      build: (allocations) => ({
        '@context': [vcContextV1],
        id: 'urn:uuid:left-pending',
        type: ['VerifiableCredential'],
        issuer: first.identifier.did,
        issuanceDate: '2030-01-15T10:00:00Z',
        credentialSubject: { id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp' },
        credentialStatus: credentialStatusEntries(config.url, allocations),
      }),
    });
    expect(pending.jwt).toBeNull();
    firstDb.close();

    const secondDb = openDatabase(path);
    try {
      const second = await openIssuer(secondDb);
      expect(await second.store.listPendingCredentials()).toEqual([]);
      const signed = await second.store.findCredential('urn:uuid:left-pending');
      if (!signed?.jwt) throw new Error('still pending');
      const verified = verifyDidJws(signed.jwt);
      expect(verified.ok && verified.did).toBe(first.identifier.did);
      expect(signed.credential.credentialStatus).toEqual(pending.credential.credentialStatus);
    } finally {
      secondDb.close();
    }
  });

  it('keeps OpenID4VCI offers as long as its configuration says (10 minutes by default)', async () => {
    const db = openDatabase(':memory:');
    try {
      const configured = await createIssuer({
        db,
        keySecret: 'right secret',
        config: { ...config, offerTtlSeconds: 90 },
        scryptLogN: 10,
      });
      expect(configured.context.offerTtlSeconds).toBe(90);
      expect((await openIssuer(db)).context.offerTtlSeconds).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('refuses a wrong secret with KEY_SECRET_INVALID', async () => {
    const db = openDatabase(join(dir, 'issuer.db'));
    try {
      await expect(
        createIssuer({ db, keySecret: 'wrong secret', config, scryptLogN: 10 }),
      ).rejects.toMatchObject({ code: 'KEY_SECRET_INVALID' });
    } finally {
      db.close();
    }
  });

  it('refuses a config URL that is not http(s)', async () => {
    const db = openDatabase(':memory:');
    try {
      for (const url of ['not a url', 'ftp://example.com']) {
        await expect(
          createIssuer({ db, keySecret: 's', config: { name: 'x', url }, scryptLogN: 10 }),
        ).rejects.toThrow(TypeError);
      }
    } finally {
      db.close();
    }
  });
});
