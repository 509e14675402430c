/** Encodes bytes or a UTF-8 string as unpadded base64url (RFC 4648 §5). */
export function encodeBase64url(input: Uint8Array | string): string {
  return Buffer.from(typeof input === 'string' ? Buffer.from(input, 'utf8') : input).toString(
    'base64url',
  );
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes unpadded base64url. Returns `undefined` for anything that is not canonical base64url,
 * because Node's own decoder silently skips invalid characters.
 */
export function decodeBase64url(input: string): Uint8Array | undefined {
  const { length } = input;
  // Node's decoder also reads the base64 alphabet (`+`, `/`), so those are refused here.
  if (length % 4 === 1 || input.includes('+') || input.includes('/')) return undefined;
  const bytes = Buffer.from(input, 'base64url');
  // Node skips any other character outside the alphabet and stops at `=`; either leaves fewer
  // bytes than the length promises. (Cheaper than a regular expression over the whole input:
  // this runs on every JWT segment the verifier reads.)
  if (bytes.length !== Math.floor((length * 3) / 4)) return undefined;
  // RFC 4648 §3.5: in a canonical encoding the bits after the last whole byte are zero; the
  // last character of a 2- or 3-character group carries 4 or 2 of them.
  const unusedBits = [0, 0, 0x0f, 0x03][length % 4] as number;
  if (unusedBits !== 0 && (alphabet.indexOf(input.charAt(length - 1)) & unusedBits) !== 0) {
    return undefined;
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
