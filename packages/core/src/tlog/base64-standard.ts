/** Standard, padded base64 (RFC 4648 §4), as signed notes and checkpoints write it. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const base64Shape = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard, padded base64 (RFC 4648 §4); `undefined` for anything else, including a
 * non-canonical encoding (non-zero unused bits), because Node's decoder accepts all of those.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!base64Shape.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
