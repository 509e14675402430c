import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, vcContextV1 } from '@skillproof/core';
import {
  createSkillproofAgent,
  didWebDocument,
  ensureWebIdentifier,
  rotateWebIdentifierKey,
  signCredentialJwt,
} from '@skillproof/server/agent';
import { openDatabase } from '@skillproof/server/sqlite';

const did = 'did:web:academy.example';

async function agentOn(path: string) {
  return createSkillproofAgent({ db: openDatabase(path), keySecret: 's3cret', scryptLogN: 10 });
}

function credential() {
  return {
    '@context': [vcContextV1],
    type: ['VerifiableCredential'],
    issuer: did,
    credentialSubject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  };
}

describe('a did:web identifier in the agent', () => {
  it('is created once, with one Ed25519 key, and is the same after a reopen', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'skillproof-web-')), 'agent.db');
    const first = await ensureWebIdentifier(await agentOn(path), did);
    const again = await ensureWebIdentifier(await agentOn(path), did);
    expect(again.did).toBe(did);
    expect(again.keys.map((key) => key.kid)).toEqual(first.keys.map((key) => key.kid));
    const document = didWebDocument(again);
    expect(document).toMatchObject({
      id: did,
      verificationMethod: [{ type: 'Multikey', controller: did }],
    });
    const [method] = document['verificationMethod'] as Array<{ id: string }>;
    expect(document['assertionMethod']).toEqual([method?.id]);
    expect(document['authentication']).toEqual([method?.id]);
  });

  it('rotates: the new key signs, and the document keeps the old one under assertionMethod', async () => {
    const agent = await agentOn(':memory:');
    const before = await ensureWebIdentifier(agent, did);
    const oldJwt = (await signCredentialJwt(agent, before, credential())).proof.jwt;
    const { identifier, verificationMethod } = await rotateWebIdentifierKey(agent, did);
    const newJwt = (await signCredentialJwt(agent, identifier, credential())).proof.jwt;
    const document = didWebDocument(identifier);
    const ids = (document['verificationMethod'] as Array<{ id: string }>).map((entry) => entry.id);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(verificationMethod);
    expect(document['assertionMethod']).toEqual(ids);
    expect(decodeJwt(oldJwt).header.kid).toBe(ids[0]);
    expect(decodeJwt(newJwt).header.kid).toBe(ids[1]);
  });

  it('refuses to rotate a did:key', async () => {
    const agent = await agentOn(':memory:');
    await expect(rotateWebIdentifierKey(agent, 'did:key:z6Mkexample')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
