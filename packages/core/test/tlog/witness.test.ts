// C2SP tlog-cosignature and tlog-witness: the specs' examples (CC BY 4.0; see
// test/fixtures/c2sp/NOTICE.md), and witnesses of our own with node:crypto keys.
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  consistencyProof,
  cosignatureLine,
  cosignatureMessage,
  cosignerKeyId,
  decideAddCheckpoint,
  encodeBase64,
  formatAddCheckpointRequest,
  formatCheckpoint,
  formatCosignerKey,
  formatVerifierKey,
  formatSignedNote,
  noteKeyId,
  noteSignatureLine,
  parseAddCheckpointRequest,
  parseCheckpoint,
  parseCosignerKey,
  parseSignedNote,
  parseVerifierKey,
  treeHash,
  verifyCosignatures,
  type NoteVerifierKey,
  type WitnessedCheckpoint,
} from '@skillproof/core';
import { createMemoryTree } from './memory-tree.js';

const example = JSON.parse(
  readFileSync(new URL('../fixtures/c2sp/tlog-witness-example.json', import.meta.url), 'utf8'),
) as {
  addCheckpointRequest: string;
  cosignedCheckpoint: string;
  cosignerName: string;
  cosignatureTime: number;
};

function newKey(name: string): { key: NoteVerifierKey; privateKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  return { key: { name, publicKey: new Uint8Array(raw) }, privateKey };
}

/** A log of `size` entries (`salt` makes another history): its roots and consistency proofs. */
function tree(size: number, salt = '') {
  const memory = createMemoryTree();
  for (let i = 0; i < size; i++) memory.append(Buffer.from(`${salt}${i}`));
  return {
    root: (n: number) => treeHash(n, memory.read),
    proof: (a: number, b: number) => consistencyProof(a, b, memory.read),
  };
}

const log = newKey('academy.example/log');
const witness = newKey('witness.example/w1');

function signedCheckpoint(size: number, root: Uint8Array, by = log): string {
  const text = formatCheckpoint({ origin: 'academy.example/log', size, rootHash: root });
  return formatSignedNote(text, [
    noteSignatureLine(by.key, sign(null, Buffer.from(text), by.privateKey)),
  ]);
}

function cosign(note: string, timestamp: number, by = witness): string {
  const text = parseSignedNote(note)!.text;
  return `${note}${cosignatureLine(by.key, timestamp, sign(null, cosignatureMessage(text, timestamp), by.privateKey))}`;
}

describe('C2SP tlog-cosignature', () => {
  it('reads the example cosigned checkpoint: a 0x04 line of key ID, timestamp and signature', () => {
    const note = parseSignedNote(example.cosignedCheckpoint)!;
    expect(parseCheckpoint(note.text)).toMatchObject({ size: 20852163 });
    const line = note.signatures.find((signature) => signature.name === example.cosignerName)!;
    expect(line.signature).toHaveLength(72);
    expect(Number(Buffer.from(line.signature).readBigUInt64BE(0))).toBe(example.cosignatureTime);
    // Without the example witness's key its line is an unknown key's: ignored, so none counts.
    expect(
      verifyCosignatures(example.cosignedCheckpoint, {
        witnesses: [{ ...witness.key, name: example.cosignerName }],
        required: 1,
        now: new Date('2023-03-20T12:30:00Z'),
      }),
    ).toMatchObject({ verified: false, code: 'COSIGNATURES_TOO_FEW' });
  });

  it('signs cosignature/v1 over the time line and the whole checkpoint, under a key ID of its own', () => {
    expect(Buffer.from(cosignatureMessage('o\n1\nAAA=\n', 1679315147)).toString()).toBe(
      'cosignature/v1\ntime 1679315147\no\n1\nAAA=\n',
    );
    expect(cosignerKeyId(witness.key.name, witness.key.publicKey)).not.toBe(
      noteKeyId(witness.key.name, witness.key.publicKey),
    );
    const vkey = formatCosignerKey(witness.key);
    expect(parseCosignerKey(vkey)).toEqual(witness.key);
    // A cosigner key is not a note key, and the reverse.
    expect(parseVerifierKey(vkey)).toBeUndefined();
    expect(parseCosignerKey(vkey.replace(/\+[0-9a-f]{8}\+/, '+00000000+'))).toBeUndefined();
  });

  it('reads verifier keys whose base64 holds a plus sign (only the first two pluses split)', () => {
    let key = newKey('witness.example/w3').key;
    while (!formatCosignerKey(key).split('+').slice(2).join('+').includes('+')) {
      key = newKey('witness.example/w3').key;
    }
    expect(parseCosignerKey(formatCosignerKey(key))).toEqual(key);
    while (!formatVerifierKey(key).split('+').slice(2).join('+').includes('+')) {
      key = newKey('witness.example/w3').key;
    }
    expect(parseVerifierKey(formatVerifierKey(key))).toEqual(key);
  });

  it('counts valid cosignatures of known witnesses, ignores others, and refuses a bad or future one', () => {
    const root = tree(5).root(5);
    const note = signedCheckpoint(5, root);
    const now = new Date('2026-12-05T06:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const second = newKey('witness.example/w2');
    const cosigned = cosign(cosign(note, t - 5), t - 3, second);
    const options = { witnesses: [witness.key, second.key], required: 2, now };
    expect(verifyCosignatures(cosigned, options)).toEqual({
      verified: true,
      cosignatures: [
        { name: 'witness.example/w1', timestamp: t - 5 },
        { name: 'witness.example/w2', timestamp: t - 3 },
      ],
    });
    expect(verifyCosignatures(cosigned, { ...options, required: 3 })).toMatchObject({
      code: 'COSIGNATURES_TOO_FEW',
    });
    // The log's own signature is no cosignature, even by a witness named like the log.
    expect(
      verifyCosignatures(note, { witnesses: [{ ...log.key }], required: 1, now }),
    ).toMatchObject({ code: 'COSIGNATURES_TOO_FEW' });
    // A cosignature of another checkpoint, moved onto this one.
    const other = cosign(signedCheckpoint(6, tree(6).root(6)), t);
    const moved = `${note}${other.split('\n').at(-2)!}\n`;
    expect(verifyCosignatures(moved, { ...options, required: 1 })).toMatchObject({
      code: 'COSIGNATURE_INVALID',
    });
    // Its timestamp changed (the signature covers it).
    const line = cosign(note, t).split('\n').at(-2)!;
    const bytes = Buffer.from(line.split(' ')[2]!, 'base64');
    bytes.writeBigUInt64BE(BigInt(t - 1), 4);
    const redated = `${note}— witness.example/w1 ${bytes.toString('base64')}\n`;
    expect(verifyCosignatures(redated, { ...options, required: 1 })).toMatchObject({
      code: 'COSIGNATURE_INVALID',
    });
    // Dated an hour ahead.
    expect(verifyCosignatures(cosign(note, t + 3600), { ...options, required: 1 })).toMatchObject({
      code: 'COSIGNATURE_INVALID',
      message: expect.stringMatching(/future/),
    });
  });
});

describe('C2SP tlog-witness add-checkpoint', () => {
  it('reads the example request body and writes it back byte for byte', () => {
    const request = parseAddCheckpointRequest(example.addCheckpointRequest)!;
    expect(request.oldSize).toBe(20852014);
    expect(request.proof).toHaveLength(4);
    expect(parseCheckpoint(parseSignedNote(request.checkpoint)!.text)?.size).toBe(20852163);
    expect(formatAddCheckpointRequest(request)).toBe(example.addCheckpointRequest);
    expect(parseAddCheckpointRequest('old 01\n\nx')).toBeUndefined();
    expect(parseAddCheckpointRequest(`old 1\n${'AAAA\n'}\nx`)).toBeUndefined();
  });

  describe('deciding as the spec prescribes', () => {
    const log8 = tree(8);
    const logs = new Map([['academy.example/log', [log.key]]]);
    const decide = (body: string, held?: WitnessedCheckpoint) =>
      decideAddCheckpoint(body, { logs, latest: () => held });
    const at = (size: number): WitnessedCheckpoint => ({ size, rootHash: log8.root(size) });
    const request = (
      oldSize: number,
      size: number,
      proof = oldSize === 0 ? [] : log8.proof(oldSize, size),
    ) =>
      formatAddCheckpointRequest({
        oldSize,
        proof,
        checkpoint: signedCheckpoint(size, log8.root(size)),
      });

    it('cosigns a first checkpoint, and a later one proven consistent with it', () => {
      expect(decide(request(0, 3))).toMatchObject({ cosign: true, checkpoint: { size: 3 } });
      expect(decide(request(3, 8), at(3))).toMatchObject({ cosign: true, checkpoint: { size: 8 } });
      expect(decide(request(8, 8, []), at(8))).toMatchObject({ cosign: true });
    });

    it('answers 409 with the size it holds when the old size is not it', () => {
      expect(decide(request(0, 8), at(3))).toEqual({
        cosign: false,
        status: 409,
        latestSize: 3,
        message: expect.any(String),
      });
      expect(decide(request(3, 8))).toMatchObject({ status: 409, latestSize: 0 });
    });

    it('answers 422 to a fork: a wrong proof, a proof from empty, the same size with another root', () => {
      const forked = tree(8, 'fork');
      const forkedBody = formatAddCheckpointRequest({
        oldSize: 3,
        proof: forked.proof(3, 8),
        checkpoint: signedCheckpoint(8, forked.root(8)),
      });
      expect(decide(forkedBody, at(3))).toMatchObject({ status: 422 });
      expect(decide(request(0, 3, log8.proof(1, 3)))).toMatchObject({ status: 422 });
      const sameSize = formatAddCheckpointRequest({
        oldSize: 8,
        proof: [],
        checkpoint: signedCheckpoint(8, forked.root(8)),
      });
      expect(decide(sameSize, at(8))).toMatchObject({ status: 422 });
    });

    it('answers 404 to an unknown log, 403 to a checkpoint not signed by its key, 400 to the rest', () => {
      const stranger = newKey('academy.example/log');
      const unsigned = formatAddCheckpointRequest({
        oldSize: 0,
        proof: [],
        checkpoint: signedCheckpoint(3, log8.root(3), stranger),
      });
      expect(decide(unsigned)).toMatchObject({ status: 403 });
      const otherLog = formatAddCheckpointRequest({
        oldSize: 0,
        proof: [],
        checkpoint: formatSignedNote(
          formatCheckpoint({ origin: 'other.example/log', size: 1, rootHash: log8.root(1) }),
          [noteSignatureLine(log.key, new Uint8Array(64))],
        ),
      });
      expect(decide(otherLog)).toMatchObject({ status: 404 });
      // A signature line of the log's key that does not verify: the note is malformed, 403.
      const note = signedCheckpoint(3, log8.root(3));
      const broken = note.replace(
        / (\S+)\n$/,
        (_, sig: string) =>
          ` ${encodeBase64(Buffer.from(sig, 'base64').map((b, i) => (i === 10 ? b ^ 1 : b)))}\n`,
      );
      expect(
        decide(formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: broken })),
      ).toMatchObject({ status: 403 });
      expect(decide(request(5, 3, []))).toMatchObject({ status: 400 });
      expect(decide('hello')).toMatchObject({ status: 400 });
    });
  });
});
