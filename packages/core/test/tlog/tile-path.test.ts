import { describe, expect, it } from '@jest/globals';
import {
  canonicalJson,
  decodeEntryBundle,
  decodeLogEntry,
  encodeEntryBundle,
  encodeLogEntry,
  hashIssuedCredential,
  parseTilePath,
  tilePath,
  type TransparencyLogEntry,
} from '@skillproof/core';

describe('C2SP tlog-tiles paths', () => {
  it.each([
    [{ level: 0, index: 1234067 }, 'tile/0/x001/x234/067'],
    [{ level: 1, index: 0 }, 'tile/1/000'],
    [{ level: 2, index: 999, width: 1 }, 'tile/2/999.p/1'],
    [{ level: 0, index: 1000, width: 255 }, 'tile/0/x001/000.p/255'],
    [{ level: 'entries' as const, index: 5, width: 17 }, 'tile/entries/005.p/17'],
    [{ level: 63, index: 0 }, 'tile/63/000'],
  ])('%j is at %s, and back', (tile, path) => {
    expect(tilePath(tile)).toBe(path);
    expect(parseTilePath(path)).toEqual(tile);
  });

  it('writes a full width as a full tile', () => {
    expect(tilePath({ level: 0, index: 3, width: 256 })).toBe('tile/0/003');
  });

  it.each([
    'tile/0/5',
    'tile/0/x000/005',
    'tile/00/005',
    'tile/64/000',
    'tile/0/005.p/0',
    'tile/0/005.p/256',
    'tile/0/005.p/017',
    'tile/0/001/002',
    'tile/entries/x1/000',
    'tile/0/005/',
  ])('refuses %s', (path) => {
    expect(parseTilePath(path)).toBeUndefined();
  });

  it('refuses a level, index or width out of range', () => {
    expect(() => tilePath({ level: 64, index: 0 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: -1 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
  });
});

describe('entry bundles', () => {
  it('round-trips uint16-length-prefixed entries', () => {
    const entries = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(9)];
    const bundle = encodeEntryBundle(entries);
    expect(bundle.length).toBe(2 + 3 + 2 + 2 + 300);
    expect(Array.from(bundle.slice(0, 2))).toEqual([0, 3]);
    expect(decodeEntryBundle(bundle)).toEqual(entries);
    expect(decodeEntryBundle(bundle.slice(0, -1))).toBeUndefined();
    expect(() => encodeEntryBundle([new Uint8Array(65_536)])).toThrow(RangeError);
  });
});

describe('log entries', () => {
  const credentialHash = hashIssuedCredential('eyJhbGciOiJFZERTQSJ9.e30.c2ln');
  const entries: TransparencyLogEntry[] = [
    {
      type: 'issuance',
      credentialHash,
      badge: 'https://issuer.example/badges/sql-basics',
      format: 'jwt_vc_json',
      status: [{ purpose: 'revocation', list: 'r1', index: 4711 }],
      issuedAt: '2026-01-01T00:00:00.000Z',
      definition: 3,
    },
    { type: 'status', credentialHash, status: 'revoked', at: '2026-01-02T00:00:00.000Z' },
    {
      type: 'badge-definition',
      badge: 'https://issuer.example/badges/sql-basics',
      definitionHash: credentialHash,
      criteria: 'Pass 4 of 5 questions.',
      questionBankCommitment: credentialHash,
      graderVersion: 'skillproof-grader/1',
      at: '2026-01-01T00:00:00.000Z',
    },
  ];

  it.each(entries)('encodes a $type entry canonically and reads it back', (entry) => {
    const bytes = encodeLogEntry(entry);
    const text = Buffer.from(bytes).toString('utf8');
    expect(text.startsWith('{"')).toBe(true);
    expect(text).toContain('"v":1');
    expect(decodeLogEntry(bytes)).toEqual(entry);
    expect(text).toBe(canonicalJson({ ...entry, v: 1 }));
  });

  it('documents the status entry byte for byte', () => {
    expect(Buffer.from(encodeLogEntry(entries[1]!)).toString('utf8')).toBe(
      `{"at":"2026-01-02T00:00:00.000Z","credentialHash":"${credentialHash}","status":"revoked","type":"status","v":1}`,
    );
  });

  it.each([
    ['another version', (text: string) => text.replace('"v":1', '"v":2')],
    ['white space', (text: string) => text.replace(',"type"', ', "type"')],
    ['an unknown type', (text: string) => text.replace('"type":"status"', '"type":"other"')],
    [
      'an upper-case hash',
      (text: string) => text.replace(credentialHash, credentialHash.toUpperCase()),
    ],
    ['not JSON', () => '{'],
  ])('refuses an entry with %s', (_name, change) => {
    const text = change(Buffer.from(encodeLogEntry(entries[1]!)).toString('utf8'));
    expect(decodeLogEntry(new Uint8Array(Buffer.from(text, 'utf8')))).toBeUndefined();
  });

  it('hashes a JWT as its string and a Data Integrity credential as its canonical JSON', () => {
    expect(hashIssuedCredential('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hashIssuedCredential({ b: 1, a: [2] })).toBe(hashIssuedCredential('{"a":[2],"b":1}'));
  });
});
