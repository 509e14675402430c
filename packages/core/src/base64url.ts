const base64urlPattern = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes or a UTF-8 string as unpadded base64url (RFC 4648 §5). */
export function encodeBase64url(input: Uint8Array | string): string {
  return Buffer.from(typeof input === 'string' ? Buffer.from(input, 'utf8') : input).toString(
    'base64url',
  );
}

/**
 * Decodes unpadded base64url. Returns `undefined` for anything that is not canonical base64url,
 * because Node's own decoder silently skips invalid characters.
 */
export function decodeBase64url(input: string): Uint8Array | undefined {
  if (!base64urlPattern.test(input) || input.length % 4 === 1) return undefined;
  const bytes = Buffer.from(input, 'base64url');
  // Reject non-canonical encodings (stray low bits in the last character).
  if (bytes.toString('base64url') !== input) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
