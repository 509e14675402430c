import { describe, expect, it } from '@jest/globals';
import { createPublicKey, verify } from 'node:crypto';
import {
  createSkillproofAgent,
  ensureIdentifier,
  ensureWebIdentifier,
  identifierSigningKey,
  rotateWebIdentifierKey,
  signBytesWithAgent,
} from '@skillproof/server/agent';
import { openDatabase } from '@skillproof/server/sqlite';
import { ed25519PublicKeyFromDidKey } from '@skillproof/core';

// RFC 8410 §4: an Ed25519 SubjectPublicKeyInfo is this DER prefix and the 32 key bytes.
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

function publicKeyOf(did: string) {
  const raw = ed25519PublicKeyFromDidKey(did);
  return createPublicKey({
    key: Buffer.concat([spkiPrefix, raw]),
    format: 'der',
    type: 'spki',
  });
}

async function makeIssuer() {
  const db = openDatabase(':memory:');
  const agent = await createSkillproofAgent({ db, keySecret: 'bytes', scryptLogN: 10 });
  return { db, agent, identifier: await ensureIdentifier(agent, 'issuer') };
}

describe('signBytesWithAgent', () => {
  it('signs binary data (every byte value, ≥ 0x80 included) so that node:crypto verifies it under the did:key', async () => {
    const { db, agent, identifier } = await makeIssuer();
    const data = Uint8Array.from({ length: 256 }, (_, index) => 255 - index);
    const signature = await signBytesWithAgent(agent, identifier, data);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature).toHaveLength(64);
    const publicKey = publicKeyOf(identifier.did);
    expect(verify(null, data, publicKey, signature)).toBe(true);
    // The signature covers these bytes, not their UTF-8 re-encoding nor any other bytes.
    expect(
      verify(null, Buffer.from(Buffer.from(data).toString('latin1'), 'utf8'), publicKey, signature),
    ).toBe(false);
    const flipped = Uint8Array.from(data);
    flipped[0] = (data[0] ?? 0) ^ 1;
    expect(verify(null, flipped, publicKey, signature)).toBe(false);
    db.close();
  });

  it('signs a 64-byte hash like a Data Integrity proof', async () => {
    const { db, agent, identifier } = await makeIssuer();
    const hashData = Uint8Array.from({ length: 64 }, (_, index) => (index * 37 + 0x80) % 256);
    const signature = await signBytesWithAgent(agent, identifier, hashData);
    expect(verify(null, hashData, publicKeyOf(identifier.did), signature)).toBe(true);
    db.close();
  });

  it('names the key by its did:key verification method', async () => {
    const { db, identifier } = await makeIssuer();
    const fragment = identifier.did.slice('did:key:'.length);
    expect(identifierSigningKey(identifier).kid).toBe(`${identifier.did}#${fragment}`);
    db.close();
  });

  it("signs with a did:web's newest key after a rotation, and names that key", async () => {
    const { db, agent } = await makeIssuer();
    const did = 'did:web:academy.test';
    await ensureWebIdentifier(agent, did);
    const { identifier, verificationMethod } = await rotateWebIdentifierKey(agent, did);
    expect(identifierSigningKey(identifier).kid).toBe(verificationMethod);
    // did:web methods are named by their key's multibase, which is also a did:key's suffix.
    const newestKey = `did:key:${verificationMethod.split('#')[1] ?? ''}`;
    const data = new Uint8Array([0x00, 0x7f, 0x80, 0xff]);
    const signature = await signBytesWithAgent(agent, identifier, data);
    expect(verify(null, data, publicKeyOf(newestKey), signature)).toBe(true);
    db.close();
  });

  it('refuses an identifier without an Ed25519 key with CONFIGURATION_INVALID', async () => {
    const { db, agent, identifier } = await makeIssuer();
    await expect(
      signBytesWithAgent(agent, { ...identifier, keys: [] }, new Uint8Array([1])),
    ).rejects.toMatchObject({ code: 'CONFIGURATION_INVALID' });
    db.close();
  });
});
