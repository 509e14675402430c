// The signed-note and checkpoint examples of C2SP (CC BY 4.0; see
// test/fixtures/c2sp/NOTICE.md), and our own notes signed with node:crypto.
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  formatCheckpoint,
  formatSignedNote,
  formatVerifierKey,
  noteKeyId,
  noteSignatureLine,
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  verifyCheckpoint,
  verifySignedNote,
} from '@skillproof/core';

const example = JSON.parse(
  readFileSync(new URL('../fixtures/c2sp/signed-note-example.json', import.meta.url), 'utf8'),
) as { vkey: string; note: string; checkpoint: string };

function newKey(name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  return {
    key: { name, publicKey: new Uint8Array(raw) },
    signLine: (text: string) =>
      noteSignatureLine(
        { name, publicKey: new Uint8Array(raw) },
        sign(null, Buffer.from(text), privateKey),
      ),
  };
}

describe('C2SP signed-note', () => {
  it('reads the example verifier key and verifies the example note with it', () => {
    const key = parseVerifierKey(example.vkey);
    expect(key?.name).toBe('example.com/foo');
    expect(noteKeyId(key!.name, key!.publicKey).toString(16)).toBe('530d903a');
    expect(formatVerifierKey(key!)).toBe(example.vkey);
    const result = verifySignedNote(example.note, [key!]);
    expect(result).toEqual({
      verified: true,
      text: 'This is an example message.\n',
      verifiedBy: ['example.com/foo'],
    });
  });

  it('refuses an altered text, and a verifier key whose ID does not match', () => {
    const key = parseVerifierKey(example.vkey)!;
    const altered = example.note.replace('example message', 'example massage');
    expect(verifySignedNote(altered, [key])).toMatchObject({
      verified: false,
      code: 'NOTE_SIGNATURE_INVALID',
    });
    expect(parseVerifierKey(example.vkey.replace('+530d903a+', '+530d903b+'))).toBeUndefined();
  });

  it('ignores unknown keys, and refuses a note no known key signed', () => {
    const log = newKey('issuer.example/log');
    const stranger = newKey('issuer.example/log'); // same name, other key: another key ID
    const text = 'issuer.example/log\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n';
    const both = formatSignedNote(text, [stranger.signLine(text), log.signLine(text)]);
    expect(verifySignedNote(both, [log.key])).toMatchObject({
      verified: true,
      verifiedBy: [log.key.name],
    });
    const strangerOnly = formatSignedNote(text, [stranger.signLine(text)]);
    expect(verifySignedNote(strangerOnly, [log.key])).toMatchObject({
      verified: false,
      code: 'NOTE_UNKNOWN_KEY',
    });
    // A known key's signature over another text fails the whole note.
    const forged = formatSignedNote(text, [log.signLine(text.replace('\n1\n', '\n2\n'))]);
    expect(verifySignedNote(forged, [log.key])).toMatchObject({ code: 'NOTE_SIGNATURE_INVALID' });
  });

  it.each([
    ['no blank line', 'text\n\u2014 a AAAAAAA=\n'],
    ['a control character', 'te\u0007xt\n\n\u2014 a AAAAAAA=\n'],
    ['no signature', 'text\n\n'],
    ['a signature too short for a key ID', 'text\n\n\u2014 a AAA=\n'],
    ['a hyphen for the em dash', 'text\n\n- a AAAAAAA=\n'],
    ['base64url', 'text\n\n\u2014 a AAAAAA_-\n'],
    ['no final newline', 'text\n\n\u2014 a AAAAAAA='],
  ])('refuses a malformed note: %s', (_name, note) => {
    expect(parseSignedNote(note)).toBeUndefined();
    expect(verifySignedNote(note, [])).toMatchObject({ verified: false, code: 'NOTE_MALFORMED' });
  });
});

describe('C2SP tlog-checkpoint', () => {
  it('reads the example checkpoint', () => {
    const note = parseSignedNote(example.checkpoint)!;
    const checkpoint = parseCheckpoint(note.text)!;
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(
      'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
    );
    expect(formatCheckpoint(checkpoint)).toBe(note.text);
  });

  it('signs and verifies a checkpoint of its origin only', () => {
    const log = newKey('issuer.example/log');
    const text = formatCheckpoint({
      origin: 'issuer.example/log',
      size: 8,
      rootHash: new Uint8Array(32).fill(7),
      extensions: ['ext'],
    });
    const note = formatSignedNote(text, [log.signLine(text)]);
    const result = verifyCheckpoint(note, { origin: 'issuer.example/log', keys: [log.key] });
    expect(result).toMatchObject({ verified: true, checkpoint: { size: 8, extensions: ['ext'] } });
    expect(verifyCheckpoint(note, { origin: 'other.example/log', keys: [log.key] })).toMatchObject({
      code: 'CHECKPOINT_WRONG_ORIGIN',
    });
    const notACheckpoint = formatSignedNote('hello\n', [log.signLine('hello\n')]);
    expect(verifyCheckpoint(notACheckpoint, { origin: 'x', keys: [log.key] })).toMatchObject({
      code: 'CHECKPOINT_MALFORMED',
    });
  });

  it.each([
    ['a leading zero', 'o\n08\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n'],
    ['a negative size', 'o\n-1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n'],
    ['a short root', 'o\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevo=\n'],
    ['an unpadded root', 'o\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0\n'],
    ['two lines', 'o\n1\n'],
    ['an empty extension line', 'o\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n\n'],
    ['a space in the origin', 'o o\n1\nbjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=\n'],
  ])('refuses a checkpoint with %s', (_name, text) => {
    expect(parseCheckpoint(text)).toBeUndefined();
  });
});
