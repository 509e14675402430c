// The issuer's transparency log end to end over HTTP (issue 17): entries for issuance, status
// changes and badge definitions, a signed checkpoint by the issuer's key, receipts, tiles and
// entry bundles, proofs checked with core's verifiers and with the independent RFC 9162 one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  decodeBase64,
  decodeEntryBundle,
  decodeLogEntry,
  ed25519PublicKeyFromDidKey,
  hashIssuedCredential,
  hashLeaf,
  verifyCheckpoint,
  verifyConsistencyProof,
  verifyInclusionProof,
  type Checkpoint,
  type IssuanceLogEntry,
} from '@skillproof/core';
import { adminToken, startTestIssuer, type TestIssuer } from '../fixtures/issuer-harness.js';
import { referenceVerifyInclusion } from '../fixtures/rfc9162-reference.js';

const learnerDid = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp';
const origin = 'academy.test/log';
const b64 = (text: string) => decodeBase64(text) as Uint8Array;

describe('the transparency log over HTTP', () => {
  let issuer: TestIssuer;
  let publicKey: Uint8Array;
  const issued: { id: string; jwt: string; receipt: Record<string, unknown> }[] = [];

  async function issue() {
    const response = await issuer.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        credential: {
          '@context': ['https://www.w3.org/2018/credentials/v1'],
          type: ['VerifiableCredential'],
          issuer: issuer.identifier.did,
          credentialSubject: { id: learnerDid },
        },
      })
      .expect(201);
    issued.push({
      id: response.body.verifiableCredential.id,
      jwt: response.body.verifiableCredential.proof.jwt,
      receipt: response.body.transparencyReceipt,
    });
  }

  async function checkpoint(): Promise<Checkpoint> {
    const response = await issuer.http.get('/log/checkpoint').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    const result = verifyCheckpoint(response.text, { origin, keys: [{ name: origin, publicKey }] });
    if (!result.verified) throw new Error(result.message);
    return result.checkpoint;
  }

  beforeAll(async () => {
    issuer = await startTestIssuer({ transparencyLog: { checkpointIntervalMs: 0 } });
    publicKey = ed25519PublicKeyFromDidKey(issuer.identifier.did);
    for (let i = 0; i < 3; i += 1) await issue();
  });

  afterAll(async () => {
    await issuer.close();
  });

  it('logged every badge definition at start, and signed a checkpoint of them by the DID key', async () => {
    const first = await checkpoint();
    expect(first.size).toBe(issuer.context.catalog.badges.length);
    const bundle = await issuer.http
      .get(`/log/tile/entries/000.p/${first.size}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const entries = decodeEntryBundle(new Uint8Array(bundle.body as Buffer))!;
    expect(entries.map((entry) => decodeLogEntry(entry)?.type)).toEqual(
      issuer.context.catalog.badges.map(() => 'badge-definition'),
    );
  });

  it('answers each issuance with a receipt: pending until a checkpoint covers it, then complete', async () => {
    const [credential] = issued;
    expect(credential?.receipt).toMatchObject({ checkpoint: null, inclusionProof: null });
    const pending = await issuer.http.get(`/log/receipts/${encodeURIComponent(credential!.id)}`);
    expect(pending.status).toBe(202);
    expect(pending.headers['retry-after']).toBe('1');

    await issuer.context.transparency!.checkpoints.signNow();
    const head = await checkpoint();
    const response = await issuer.http
      .get(`/log/receipts/${encodeURIComponent(credential!.id)}`)
      .expect(200);
    const receipt = response.body as {
      leafIndex: number;
      leafHash: string;
      checkpoint: string;
      inclusionProof: string[];
    };
    const verified = verifyCheckpoint(receipt.checkpoint, {
      origin,
      keys: [{ name: origin, publicKey }],
    });
    expect(verified.verified && verified.checkpoint.size).toBe(head.size);
    const proof = receipt.inclusionProof.map(b64);
    const check = {
      index: receipt.leafIndex,
      size: head.size,
      leafHash: b64(receipt.leafHash),
      proof,
      rootHash: head.rootHash,
    };
    expect(verifyInclusionProof(check)).toBe(true);
    expect(
      referenceVerifyInclusion(check.index, check.size, check.leafHash, proof, head.rootHash),
    ).toBe(true);
    // The entry says what was issued: the hash of the exact JWT, never the learner's DID.
    const entry = await issuer.http.get(`/log/entries/${receipt.leafIndex}`).expect(200);
    expect(entry.body.entry).toMatchObject({
      type: 'issuance',
      credentialHash: hashIssuedCredential(credential!.jwt),
      format: 'jwt_vc_json',
    } satisfies Partial<IssuanceLogEntry>);
    expect((entry.body.entry as IssuanceLogEntry).status).toHaveLength(2);
    expect(JSON.stringify(entry.body)).not.toContain(learnerDid);
  });

  it('logs a revocation with the credential hash, and the new tree extends the old one', async () => {
    const before = await checkpoint();
    await issuer.http
      .post('/credentials/status')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        credentialId: issued[1]!.id,
        credentialStatus: [
          { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true },
        ],
      })
      .expect(200);
    await issuer.context.transparency!.checkpoints.signNow();
    const after = await checkpoint();
    expect(after.size).toBe(before.size + 1);
    const last = await issuer.http.get(`/log/entries/${after.size - 1}`).expect(200);
    expect(last.body.entry).toEqual({
      type: 'status',
      credentialHash: hashIssuedCredential(issued[1]!.jwt),
      status: 'revoked',
      at: expect.any(String),
    });
    const consistency = await issuer.http
      .get(`/log/proof/consistency?from=${before.size}&to=${after.size}`)
      .expect(200);
    expect(
      verifyConsistencyProof({
        fromSize: before.size,
        fromRoot: before.rootHash,
        toSize: after.size,
        toRoot: after.rootHash,
        proof: (consistency.body.consistencyProof as string[]).map(b64),
      }),
    ).toBe(true);
  });

  it('serves the level-0 tile of leaf hashes and inclusion proofs by hash (hex or base64) or index', async () => {
    const head = await checkpoint();
    const tile = await issuer.http
      .get(`/log/tile/0/000.p/${head.size}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(tile.headers['cache-control']).toContain('immutable');
    const hashes = tile.body as Buffer;
    expect(hashes.length).toBe(32 * head.size);
    const leafHash = hashes.subarray(32 * 2, 32 * 3);
    for (const query of [
      `hash=${leafHash.toString('hex')}`,
      `hash=${encodeURIComponent(leafHash.toString('base64'))}`,
      'index=2',
    ]) {
      const response = await issuer.http.get(`/log/proof/inclusion?${query}`).expect(200);
      expect(response.body.leafIndex).toBe(2);
      expect(response.body.treeSize).toBe(head.size);
      expect(
        verifyInclusionProof({
          index: 2,
          size: head.size,
          leafHash: new Uint8Array(leafHash),
          proof: (response.body.inclusionProof as string[]).map(b64),
          rootHash: head.rootHash,
        }),
      ).toBe(true);
    }
    const bundle = await issuer.http
      .get(`/log/tile/entries/000.p/${head.size}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const entries = decodeEntryBundle(new Uint8Array(bundle.body as Buffer))!;
    expect(Buffer.from(hashLeaf(entries[2]!)).equals(leafHash)).toBe(true);
  });

  it.each([
    ['/log/proof/inclusion?index=abc', 400],
    ['/log/proof/inclusion?hash=zz', 400],
    ['/log/proof/inclusion', 400],
    ['/log/proof/inclusion?index=0&hash=00', 400],
    ['/log/proof/inclusion?index=0&size=999999', 400],
    ['/log/proof/inclusion?index=99999', 404],
    [`/log/proof/inclusion?hash=${'ab'.repeat(32)}`, 404],
    ['/log/proof/consistency?from=0', 400],
    ['/log/proof/consistency?from=5&to=2', 400],
    ['/log/proof/consistency?from=-1', 400],
    ['/log/tile/0/5', 400],
    ['/log/tile/64/000', 400],
    ['/log/tile/0/000', 404],
    ['/log/tile/entries/001.p/3', 404],
    ['/log/entries/1.5', 400],
    ['/log/entries/99999', 404],
    ['/log/receipts/urn%3Auuid%3Anone', 404],
  ])('%s -> %i {error:{code,message}}', async (path, status) => {
    const response = await issuer.http.get(path);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      error: {
        code: status === 400 ? 'VALIDATION_FAILED' : 'NOT_FOUND',
        message: expect.any(String),
      },
    });
  });
});
